# Ends with an uncaught exception raised inside a sibling helper module
# (mod_counter.py): the traceback includes the helper's file and source line.
import mod_counter

print(mod_counter.bump(), mod_counter.bump())
mod_counter.raise_inside()
