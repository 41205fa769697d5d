# A small "application": accounts with validation, a ledger of immutable
# transactions (dataclasses), context-managed atomic transfers with rollback,
# custom exception hierarchy, properties, class/static methods, generators
# for statements, and sorted reports.
import contextlib
import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum


class Kind(Enum):
    DEPOSIT = "deposit"
    WITHDRAW = "withdraw"
    TRANSFER_IN = "transfer-in"
    TRANSFER_OUT = "transfer-out"


class BankError(Exception):
    pass


class InsufficientFunds(BankError):
    def __init__(self, account, amount):
        super().__init__(f"{account.owner}: balance {account.balance} < {amount}")
        self.account, self.amount = account, amount


class AccountFrozen(BankError):
    pass


@dataclass(frozen=True, order=True)
class Txn:
    seq: int
    kind: Kind = field(compare=False)
    amount: Decimal = field(compare=False)
    memo: str = field(default="", compare=False)


class Account:
    _ids = itertools.count(1)

    def __init__(self, owner, opening=Decimal("0")):
        self.id = next(Account._ids)
        self.owner = owner
        self._balance = Decimal(opening)
        self.frozen = False
        self.ledger = []

    @property
    def balance(self):
        return self._balance

    @classmethod
    def open_many(cls, *owners):
        return [cls(o) for o in owners]

    @staticmethod
    def validate(amount):
        amount = Decimal(amount)
        if amount <= 0:
            raise ValueError(f"amount must be positive, got {amount}")
        return amount

    def _record(self, kind, amount, memo=""):
        self.ledger.append(Txn(len(self.ledger) + 1, kind, amount, memo))

    def deposit(self, amount, memo=""):
        amount = self.validate(amount)
        if self.frozen:
            raise AccountFrozen(self.owner)
        self._balance += amount
        self._record(Kind.DEPOSIT, amount, memo)

    def withdraw(self, amount, memo=""):
        amount = self.validate(amount)
        if self.frozen:
            raise AccountFrozen(self.owner)
        if amount > self._balance:
            raise InsufficientFunds(self, amount)
        self._balance -= amount
        self._record(Kind.WITHDRAW, amount, memo)

    def statement(self):
        running = Decimal("0")
        for t in self.ledger:
            sign = 1 if t.kind in (Kind.DEPOSIT, Kind.TRANSFER_IN) else -1
            running += sign * t.amount
            yield f"{t.seq:>3} {t.kind.value:<13} {sign * t.amount:>9} {running:>9} {t.memo}"

    def __repr__(self):
        return f"Account#{self.id}({self.owner}, {self.balance})"


@contextlib.contextmanager
def atomic(*accounts):
    snapshot = [(a, a._balance, list(a.ledger)) for a in accounts]
    try:
        yield
    except BankError:
        for a, bal, led in snapshot:
            a._balance, a.ledger = bal, led
        raise


def transfer(src, dst, amount):
    with atomic(src, dst):
        dst.deposit(amount, f"from {src.owner}")
        dst.ledger[-1] = Txn(dst.ledger[-1].seq, Kind.TRANSFER_IN, Decimal(amount), f"from {src.owner}")
        src.withdraw(amount, f"to {dst.owner}")
        src.ledger[-1] = Txn(src.ledger[-1].seq, Kind.TRANSFER_OUT, Decimal(amount), f"to {dst.owner}")


alice, bob, carol = Account.open_many("alice", "bob", "carol")
alice.deposit("100.50", "salary")
bob.deposit(40)
transfer(alice, bob, "25.25")
for attempt in [lambda: transfer(bob, carol, 1000), lambda: alice.withdraw(-5), lambda: carol.withdraw("0.01")]:
    try:
        attempt()
    except InsufficientFunds as e:
        print("InsufficientFunds:", e, "| amount", e.amount)
    except (BankError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print("after failed transfer:", alice, bob, carol, "bob ledger size", len(bob.ledger))
carol.frozen = True
try:
    transfer(alice, carol, 5)
except AccountFrozen as e:
    print("AccountFrozen:", e, "| alice unchanged:", alice.balance)
carol.frozen = False
transfer(bob, carol, "10")
carol.withdraw("2.5", "coffee")
for acct in (alice, bob, carol):
    print(f"--- {acct.owner}")
    for line in acct.statement():
        print(line)
print("total money:", sum(a.balance for a in (alice, bob, carol)))
print("ranking:", [a.owner for a in sorted((alice, bob, carol), key=lambda a: a.balance, reverse=True)])
print("largest txn:", max((t for a in (alice, bob, carol) for t in a.ledger), key=lambda t: t.amount))
print(sorted(bob.ledger)[0] < sorted(bob.ledger)[-1], Txn(1, Kind.DEPOSIT, Decimal(1)) == Txn(1, Kind.WITHDRAW, Decimal(9)))
try:
    bob.ledger[0].amount = 0
except Exception as e:
    print(type(e).__name__, e)
