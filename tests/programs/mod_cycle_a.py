"""Circular import helper: a imports b which imports a (partially initialised)."""
print("mod_cycle_a: start")
A_VALUE = "a-early"
import mod_cycle_b  # noqa: E402

A_LATE = "a-late"
print("mod_cycle_a: end, sees b.B_VALUE =", mod_cycle_b.B_VALUE)
