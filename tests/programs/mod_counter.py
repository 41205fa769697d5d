"""Helper module with state; imported by the import programs."""
print("importing mod_counter as", __name__)
count = 0
history = []


def bump(n=1):
    global count
    count += n
    history.append(count)
    return count


class Registry:
    items = []

    @classmethod
    def add(cls, item):
        cls.items.append(item)
        return len(cls.items)


def raise_inside():
    raise ValueError("raised in mod_counter")
