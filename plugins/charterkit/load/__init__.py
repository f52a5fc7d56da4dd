"""Loading: finding charter files, reading YAML with line marks, and explaining what is wrong."""
