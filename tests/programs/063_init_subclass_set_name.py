# __init_subclass__ (with keyword arguments, chaining, classmethod implicit)
# and __set_name__ (called for descriptors at class creation, with owner and
# name, including when added via type()) plus __class_getitem__.


class PluginBase:
    plugins = []

    def __init_subclass__(cls, /, name=None, priority=0, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        cls.priority = priority
        PluginBase.plugins.append(cls)


class Alpha(PluginBase, name="alpha-plugin", priority=5):
    pass


class Beta(PluginBase):
    pass


class Gamma(Beta, priority=1):
    pass


print([(p.__name__, p.plugin_name, p.priority) for p in PluginBase.plugins])
print(sorted(PluginBase.plugins, key=lambda p: -p.priority)[0].__name__)
try:
    class Broken(PluginBase, unknown=1):
        pass
except TypeError as e:
    print("TypeError", e)


class Validated:
    required = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        missing = [r for r in cls.required if not hasattr(cls, r)]
        if missing:
            raise TypeError(f"{cls.__name__} missing {missing}")


class Good(Validated):
    required = ("run",)

    def run(self):
        return "ran"


try:
    class Bad(Validated):
        required = ("run", "stop")
except TypeError as e:
    print("TypeError", e)
print(Good().run())

log = []


class Field:
    def __init__(self, default=None):
        self.default = default

    def __set_name__(self, owner, name):
        log.append(f"set_name {owner.__name__}.{name}")
        self.name = name
        self.storage = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.storage, self.default)

    def __set__(self, obj, value):
        setattr(obj, self.storage, value)


class Model:
    title = Field("untitled")
    count = Field(0)
    plain = 5

    def __init_subclass__(cls):
        log.append(f"init_subclass {cls.__name__}")


class Article(Model):
    body = Field("")


print(log)
art = Article()
art.title = "Hello"
print(art.title, art.count, art.body, Article.title.name, Article.body.storage, vars(art))
log.clear()
Dyn = type("Dyn", (Model,), {"extra": Field(1)})
print(log, Dyn().extra)
log.clear()
late = Field()
Model.late = late
print(log, hasattr(late, "name"))
late.__set_name__(Model, "late")
print(log)


class Order:
    calls = []

    def __init_subclass__(cls, **kw):
        Order.calls.append(("init_subclass", cls.__name__, "has_attr" in cls.__dict__))


class Recorder:
    def __set_name__(self, owner, name):
        Order.calls.append(("set_name", name))


class Sub(Order):
    a = Recorder()
    has_attr = True
    b = Recorder()


print(Order.calls)


class Box:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item.__name__ if isinstance(item, type) else item}]"


print(Box[int], Box["x"], list[int], dict[str, list[int]])


class ErrorInSetName:
    def __set_name__(self, owner, name):
        raise ValueError(f"rejecting {name}")


try:
    class Holder:
        attr = ErrorInSetName()
except Exception as e:
    print(type(e).__name__, e, e.__cause__)


class ImplicitClassmethod:
    def __init_subclass__(cls):
        cls.which = cls.__name__


class Impl(ImplicitClassmethod):
    pass


print(Impl.which, type(ImplicitClassmethod.__dict__["__init_subclass__"]).__name__)
