# datetime without the clock: construction, arithmetic with timedelta,
# strftime/strptime/isoformat, weekday/isocalendar, comparisons, fixed
# timezone offsets, date ranges, calendar helpers, time.struct_time from a
# fixed timestamp in UTC.
import calendar
import datetime as dt
import time

d = dt.date(2024, 2, 28)
print(d, d + dt.timedelta(days=1), d + dt.timedelta(days=2), d.weekday(), d.isoweekday(), d.isocalendar())
print(d.replace(year=2023), d.toordinal(), dt.date.fromordinal(d.toordinal() + 400), dt.date.fromisoformat("2000-01-01"))
print(d.strftime("%A %d %B %Y | %a %b %j %U %W %y %m"), d.ctime(), calendar.isleap(2024), calendar.monthrange(2024, 2))
t = dt.datetime(2021, 12, 31, 23, 59, 30, 500000)
print(t, t + dt.timedelta(seconds=45), t.isoformat(), t.isoformat(sep=" ", timespec="milliseconds"), t.date(), t.time())
print(t - dt.datetime(2021, 1, 1), (t - dt.datetime(2021, 1, 1)).days, (dt.datetime(2022, 1, 1) - t).total_seconds())
print(dt.datetime.strptime("2023-07-04 15:30", "%Y-%m-%d %H:%M"), dt.datetime.fromisoformat("2020-05-17T08:09:10.123"))
td = dt.timedelta(days=1, hours=25, minutes=-30, seconds=3661, microseconds=1500)
print(td, td.days, td.seconds, td.microseconds, td.total_seconds(), -td, abs(-td), td / 2, td // dt.timedelta(hours=1), td % dt.timedelta(hours=1))
print(dt.timedelta(weeks=2) > dt.timedelta(days=13), dt.timedelta(0) == dt.timedelta(), bool(dt.timedelta()), dt.timedelta.max.days)
utc = dt.timezone.utc
plus2 = dt.timezone(dt.timedelta(hours=2), "CEST")
aware = dt.datetime(2024, 6, 1, 12, 0, tzinfo=utc)
print(aware, aware.astimezone(plus2), aware.astimezone(plus2).tzname(), aware.utcoffset(), aware == aware.astimezone(plus2))
print(aware.timestamp(), dt.datetime.fromtimestamp(0, utc), dt.datetime.fromtimestamp(1700000000, utc).isoformat())
try:
    aware < dt.datetime(2024, 1, 1)
except TypeError as e:
    print("TypeError", e)
for bad in [lambda: dt.date(2023, 2, 29), lambda: dt.time(25, 0), lambda: dt.datetime.strptime("x", "%Y"),
            lambda: dt.date(2020, 1, 1) + 1]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
start = dt.date(2024, 1, 29)
days = [start + dt.timedelta(days=i) for i in range(0, 35, 7)]
print([x.isoformat() for x in days], sorted(days, reverse=True)[0], min(days).month)
print(calendar.month(2024, 2))
print(list(calendar.day_name)[:3], calendar.weekday(2024, 12, 25), calendar.monthcalendar(2024, 2)[0])
st = time.gmtime(86400 * 365)
print(tuple(st)[:6], time.strftime("%Y-%m-%d %H:%M:%S", st), time.asctime(st), calendar.timegm(st))
print(time.strftime("%a, %d %b %Y", time.gmtime(0)), dt.time(7, 5, 3).strftime("%I:%M:%S %p"), dt.time(12, 30).isoformat())
birthdays = {"ann": dt.date(1990, 3, 15), "bob": dt.date(1985, 11, 2), "cy": dt.date(2000, 1, 1)}
ref = dt.date(2024, 6, 1)
for name, bday in sorted(birthdays.items(), key=lambda kv: kv[1]):
    age = ref.year - bday.year - ((ref.month, ref.day) < (bday.month, bday.day))
    print(f"{name:<4} {bday:%d.%m.%Y} age {age}")
print(f"{t:%H:%M} {d:%d/%m} {aware:%Y-%m-%dT%H:%M%z}", format(td), repr(dt.timedelta(hours=1)))
