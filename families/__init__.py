"""Document family specs, one YAML file each: edited here, shipped inside the package as `pipeline.families`.

Each file is checked against schemas/specs/families.schema.json when it is loaded (pipeline/extract/families.py).
"""
