"""The charter format: the model, its fields and rules, themes, pictures and the JSON Schema."""
