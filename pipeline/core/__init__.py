"""Code shared by every stage (extract, normalise, validate, publish); it imports no stage package."""
