from .. import util
from ..circle import Circle

print("importing helpers_shapes.sub")
BASE = util.PI
