"""The reviewed vocabularies (YAML): edited here, shipped inside the package as `pipeline.vocab`.

Each file is checked against schemas/specs/vocab_<its name>.schema.json when it is loaded (pipeline/specs.py).
"""
