# Ends with an uncaught exception whose traceback shows both kinds of
# chaining: "During handling of the above exception..." (context) and
# "The above exception was the direct cause..." (cause).
import json


def load_config(text):
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError("config is not valid JSON") from e


def get_port(cfg):
    try:
        return int(cfg["port"])
    except KeyError:
        raise LookupError("port missing from config")


cfg = load_config('{"host": "localhost"}')
print("loaded", sorted(cfg))
try:
    get_port(cfg)
except LookupError as err:
    print("first failure handled:", err)
try:
    load_config("{broken")
except ValueError:
    get_port({"port": "eighty"})
