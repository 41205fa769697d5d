# Ends with an uncaught exception raised several calls deep: the traceback
# (stderr) and the exit status 1 are compared with the native run.


class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError(f"insufficient funds for {self.owner}: {self.balance} < {amount}")
        self.balance -= amount
        return self.balance


def process(account, amounts):
    for a in amounts:
        left = account.withdraw(a)
        print(f"withdrew {a}, {left} left")


def main():
    acct = Account("ada", 100)
    process(acct, [10, 20, 30])
    process(acct, [25, 50])


print("starting")
main()
print("never printed")
