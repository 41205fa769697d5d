# Ends with an uncaught custom exception that has a __str__, extra
# attributes and notes (add_note), raised from a method of a nested class.


class ApplicationError(Exception):
    pass


class ParseError(ApplicationError):
    def __init__(self, line, col, message):
        super().__init__(line, col, message)
        self.line, self.col, self.message = line, col, message

    def __str__(self):
        return f"{self.line}:{self.col}: {self.message}"


class Parser:
    class Tokenizer:
        def __init__(self, text):
            self.text = text

        def tokens(self):
            for col, ch in enumerate(self.text, 1):
                if ch == "@":
                    err = ParseError(1, col, f"unexpected character {ch!r}")
                    err.add_note("hint: '@' is reserved")
                    err.add_note(f"input was {self.text!r}")
                    raise err
                yield ch

    def parse(self, text):
        return "".join(t.upper() for t in self.Tokenizer(text).tokens())


p = Parser()
print(p.parse("hello"))
print(p.parse("mail@example"))
