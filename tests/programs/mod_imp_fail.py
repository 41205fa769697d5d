"""Raises while being imported, from a function it calls (program 132)."""


def fail(kind):
    raise ValueError("mod_imp_fail: " + kind)


fail("at import")
