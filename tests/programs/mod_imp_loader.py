"""Counts its executions; its loader is inspected by program 133."""
RUNS = globals().get("RUNS", 0) + 1
print("mod_imp_loader: execution", RUNS)


def func(x):
    """Doubles x."""
    return x * 2


if __name__ == "__main__":
    print("mod_imp_loader run as __main__")
