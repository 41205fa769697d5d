print("mod_cycle_b: start")
import mod_cycle_a  # noqa: E402

B_VALUE = "b:" + mod_cycle_a.A_VALUE
print("mod_cycle_b: has A_LATE yet?", hasattr(mod_cycle_a, "A_LATE"))
