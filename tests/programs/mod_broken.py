"""Raises while being imported: the failed module must not stay in sys.modules."""
print("mod_broken: executing")
value = 1
raise RuntimeError("mod_broken failed during import")
