"""An appliance retailer's customer records from four channels, before anyone joined them.

A home-appliance retailer sells through its store membership programme (``POS``), its web
shop (``web``), its app (``app``) and a WeChat mini-program (``wechat``).  Each channel keeps
its own customer list with its own id, so one person who bought a fridge in a store and a
kettle in the app is two "customers".  The firm counts records; this dataset knows people.

How it is made (read top to bottom; every draw comes from one generator seeded with SEED):

1. ``N_PEOPLE`` people.  Each has a surname and a one- or two-character given name drawn
   from the tables below (in Chinese characters, with their pinyin), an 11-digit mobile
   phone, an e-mail address with probability ``EMAIL_SHARE``, a city and district, and a
   birth date between 1955 and 2002.  Common names repeat, as they do in life.
2. Families: ``N_FAMILIES`` pairs of people share a surname, a city and district, and the
   first member's phone; the second member registers that family phone on each of their
   records with probability ``FAMILY_PHONE_USE`` (the classic false match of a phone rule).
3. Each person has 1 to 4 records (probabilities ``RECORDS_PER_PERSON``) in distinct
   channels drawn with weights ``CHANNEL_WEIGHT``.
4. Each record writes the person's details the way its channel does: the name in characters
   or in pinyin (``PINYIN_SHARE`` by channel; in pinyin the order is swapped — given name
   first — with probability ``SWAP_SHARE``); a typo in the name with probability
   ``NAME_TYPO``; the phone in one of ``PHONE_FORMATS`` (with or without +86, spaces,
   dashes), missing with probability ``PHONE_MISSING`` by channel, one digit wrong with
   probability ``PHONE_TYPO``, or an *old* number (a different phone) with probability
   ``OLD_PHONE``; the e-mail (when the person has one) with random upper-case letters and
   surrounding spaces, missing with probability ``EMAIL_MISSING`` by channel; the birth date
   missing (``BIRTH_MISSING``) or the system default 1900-01-01 (``BIRTH_DEFAULT``); the
   district missing with probability ``DISTRICT_MISSING``; marketing consent with
   probability ``CONSENT`` by channel.
5. Transactions: each person buys ``Poisson(rate)`` orders in 2023–2024, ``rate`` drawn from
   a Gamma(``ORDER_SHAPE``, ``ORDER_SCALE``) plus one (everybody bought at least once, in the
   channel of their first record); each later order goes to one of the person's records at
   random; dates are uniform over the person's active span (which ends before 2025-01-01 for
   ``LAPSED_SHARE`` of people); amounts are log-normal around ``AMOUNT_MEDIAN`` yuan.

Planted truths (checked in ``tests/datasets/test_channels.py``):

* 12,000 people behind about 20,000 records (mean 1.68 records a person, ± 0.03);
* records per channel in the ratio of the channel weights and the records-per-person draw;
* ``N_FAMILIES`` = 600 families whose phone is shared by two people;
* after normalising (digits only, last 11), each record's phone is the person's phone unless
  it is missing, mistyped, old or the family's — the shares above, ± 0.01;
* the truth table maps every record to exactly one ``person_id``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TITLE = "Appliance retailer: customer records from four channels (POS, web, app, WeChat), 2023-2024"
SEED = 1910

N_PEOPLE = 12_000
N_FAMILIES = 600
FAMILY_PHONE_USE = 0.6
CHANNELS = ("POS", "web", "app", "wechat")
CHANNEL_WEIGHT = {"POS": 0.35, "web": 0.22, "app": 0.25, "wechat": 0.18}
RECORDS_PER_PERSON = {1: 0.50, 2: 0.35, 3: 0.12, 4: 0.03}
EMAIL_SHARE = 0.70
PINYIN_SHARE = {"POS": 0.15, "web": 0.60, "app": 0.35, "wechat": 0.30}
SWAP_SHARE = 0.40
NAME_TYPO = 0.05
PHONE_MISSING = {"POS": 0.02, "web": 0.10, "app": 0.03, "wechat": 0.25}
PHONE_TYPO = 0.03
OLD_PHONE = 0.06
EMAIL_MISSING = {"POS": 0.60, "web": 0.05, "app": 0.30, "wechat": 0.70}
BIRTH_MISSING = 0.25
BIRTH_DEFAULT = 0.05
DISTRICT_MISSING = 0.10
CONSENT = {"POS": 0.55, "web": 0.40, "app": 0.65, "wechat": 0.50}
ORDER_SHAPE, ORDER_SCALE = 0.6, 2.0
LAPSED_SHARE = 0.30
AMOUNT_MEDIAN = 900.0
START, END = pd.Timestamp("2023-01-01"), pd.Timestamp("2024-12-31")

#: Surnames: characters and pinyin (readings without ambiguity in names).
SURNAMES = [("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
            ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"),
            ("马", "ma"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("林", "lin"),
            ("罗", "luo"), ("高", "gao"), ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song")]
SURNAME_WEIGHT = np.array([10, 9, 9, 7, 6, 5, 4, 4, 4, 4, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1], float)
#: Given-name characters and pinyin.
GIVEN = [("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
         ("强", "qiang"), ("磊", "lei"), ("洋", "yang"), ("艳", "yan"), ("勇", "yong"), ("军", "jun"),
         ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("秀", "xiu"),
         ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("桂", "gui"), ("英", "ying"), ("华", "hua"),
         ("玉", "yu"), ("兰", "lan"), ("红", "hong"), ("建", "jian"), ("文", "wen"), ("春", "chun"),
         ("梅", "mei"), ("林", "lin"), ("波", "bo"), ("宇", "yu"), ("浩", "hao"), ("婷", "ting"),
         ("欣", "xin"), ("佳", "jia"), ("怡", "yi"), ("鹏", "peng")]
CITIES = {"上海": ["浦东", "徐汇", "静安", "闵行", "杨浦"], "杭州": ["西湖", "上城", "滨江", "余杭"],
          "南京": ["鼓楼", "玄武", "江宁", "秦淮"], "苏州": ["姑苏", "吴中", "工业园区"],
          "合肥": ["蜀山", "包河", "庐阳"]}
CITY_WEIGHT = np.array([0.35, 0.22, 0.18, 0.15, 0.10])
PHONE_FORMATS = ("{p}", "+86{p}", "+86 {a} {b} {c}", "{a}-{b}-{c}", "{a} {b} {c}", "86-{p}", "(+86) {a}-{b}-{c}")
PREFIXES = ("130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "158", "159",
            "166", "176", "177", "180", "181", "186", "187", "188", "189", "199")
DOMAINS = ("qq.com", "163.com", "126.com", "sina.com", "gmail.com", "outlook.com")
ID_PREFIX = {"POS": "M", "web": "W", "app": "A", "wechat": "X"}


def _phones(rng: np.random.Generator, n: int) -> np.ndarray:
    prefix = np.array(PREFIXES)[rng.integers(0, len(PREFIXES), n)]
    rest = rng.integers(0, 100_000_000, n)
    return np.array([f"{p}{r:08d}" for p, r in zip(prefix, rest)])


def _people(rng: np.random.Generator) -> pd.DataFrame:
    n = N_PEOPLE
    surname = rng.choice(len(SURNAMES), size=n, p=SURNAME_WEIGHT / SURNAME_WEIGHT.sum())
    two = rng.random(n) < 0.6
    g1 = rng.integers(0, len(GIVEN), n)
    g2 = rng.integers(0, len(GIVEN), n)
    phone = _phones(rng, n)
    has_email = rng.random(n) < EMAIL_SHARE
    city_names = list(CITIES)
    city = rng.choice(len(city_names), size=n, p=CITY_WEIGHT)
    district_draw = rng.random(n)
    birth = pd.Timestamp("1955-01-01") + pd.to_timedelta(rng.integers(0, 17_500, n), unit="D")
    mail_style = rng.integers(0, 3, n)
    mail_num = rng.integers(1, 1000, n)
    domain = np.array(DOMAINS)[rng.integers(0, len(DOMAINS), n)]
    # Families: the second member takes the first one's surname, city and district, and shares the phone.
    members = rng.permutation(n)[: 2 * N_FAMILIES].reshape(N_FAMILIES, 2)
    first, second = members[:, 0], members[:, 1]
    surname[second] = surname[first]
    city[second] = city[first]
    district_draw[second] = district_draw[first]
    family_phone = np.full(n, "", dtype=object)
    family_phone[second] = phone[first]
    rows = []
    for i in range(n):
        s_char, s_py = SURNAMES[surname[i]]
        given = [GIVEN[g1[i]]] + ([GIVEN[g2[i]]] if two[i] else [])
        c = city_names[city[i]]
        districts = CITIES[c]
        g_py = "".join(p for _, p in given)
        local = (f"{s_py}{g_py}{mail_num[i]}", f"{g_py}.{s_py}", f"{s_py}_{g_py}{mail_num[i] % 100:02d}")[mail_style[i]]
        rows.append({
            "person_id": f"P{i + 1:05d}",
            "surname": s_char, "given": "".join(ch for ch, _ in given),
            "surname_py": s_py, "given_py": g_py,
            "phone": phone[i], "family_phone": family_phone[i],
            "email": f"{local}@{domain[i]}" if has_email[i] else "",
            "city": c, "district": districts[int(district_draw[i] * len(districts))],
            "birth_date": birth[i],
        })
    return pd.DataFrame(rows)


def _typo_chars(rng, given: str) -> str:
    position = int(rng.integers(0, len(given)))
    replacement = GIVEN[int(rng.integers(0, len(GIVEN)))][0]
    return given[:position] + replacement + given[position + 1:]


def _typo_pinyin(rng, text: str) -> str:
    position = int(rng.integers(1, len(text)))
    if rng.random() < 0.5:
        return text[:position] + text[position + 1:]          # a dropped letter
    return text[:position] + text[position - 1] + text[position:]  # a doubled letter


def _format_phone(rng, number: str) -> str:
    style = PHONE_FORMATS[int(rng.integers(0, len(PHONE_FORMATS)))]
    return style.format(p=number, a=number[:3], b=number[3:7], c=number[7:])


def _vary_email(rng, email: str) -> str:
    upper = rng.random(len(email)) < 0.15
    varied = "".join(ch.upper() if u else ch for ch, u in zip(email, upper))
    return (" " if rng.random() < 0.1 else "") + varied + (" " if rng.random() < 0.1 else "")


def generate() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(SEED)
    people = _people(rng)
    k_values = np.array(list(RECORDS_PER_PERSON))
    k = rng.choice(k_values, size=N_PEOPLE, p=np.array(list(RECORDS_PER_PERSON.values())))
    weights = np.array([CHANNEL_WEIGHT[c] for c in CHANNELS])
    records, truth, owner = [], [], []
    counters = dict.fromkeys(CHANNELS, 0)
    for i, person in enumerate(people.itertuples(index=False)):
        chosen = rng.choice(len(CHANNELS), size=int(k[i]), replace=False, p=weights / weights.sum())
        for c_index in chosen:
            channel = CHANNELS[int(c_index)]
            counters[channel] += 1
            draws = rng.random(12)
            given, surname = person.given, person.surname
            if draws[0] < PINYIN_SHARE[channel]:
                g_py, s_py = person.given_py, person.surname_py
                if draws[1] < NAME_TYPO:
                    g_py = _typo_pinyin(rng, g_py)
                g_py, s_py = g_py.capitalize(), s_py.capitalize()
                if draws[3] < 0.3:
                    s_py = s_py.upper()
                name = f"{g_py} {s_py}" if draws[2] < SWAP_SHARE else f"{s_py} {g_py}"
            else:
                if draws[1] < NAME_TYPO:
                    given = _typo_chars(rng, given)
                name = surname + given
            number = person.phone
            if person.family_phone and draws[4] < FAMILY_PHONE_USE:
                number = person.family_phone
            elif draws[5] < OLD_PHONE:
                number = _phones(rng, 1)[0]
            elif draws[6] < PHONE_TYPO:
                position = int(rng.integers(3, 11))
                digit = str((int(number[position]) + int(rng.integers(1, 10))) % 10)
                number = number[:position] + digit + number[position + 1:]
            phone = "" if draws[7] < PHONE_MISSING[channel] else _format_phone(rng, number)
            email = "" if (not person.email or draws[8] < EMAIL_MISSING[channel]) else _vary_email(rng, person.email)
            birth = person.birth_date
            if draws[9] < BIRTH_MISSING:
                birth = pd.NaT
            elif draws[9] < BIRTH_MISSING + BIRTH_DEFAULT:
                birth = pd.Timestamp("1900-01-01")
            district = "" if draws[10] < DISTRICT_MISSING else person.district
            record_id = f"{ID_PREFIX[channel]}{counters[channel]:06d}"
            records.append({"record_id": record_id, "channel": channel, "name": name, "phone": phone,
                            "email": email, "city": person.city, "district": district, "birth_date": birth,
                            "consent_marketing": bool(draws[11] < CONSENT[channel])})
            truth.append({"record_id": record_id, "person_id": person.person_id})
            owner.append(i)

    # Transactions: every person buys at least once, in their first record's channel.
    owner = np.array(owner)
    record_ids = np.array([r["record_id"] for r in records])
    rate = rng.gamma(ORDER_SHAPE, ORDER_SCALE, N_PEOPLE)
    n_orders = 1 + rng.poisson(rate)
    span_days = (END - START).days + 1
    lapsed = rng.random(N_PEOPLE) < LAPSED_SHARE
    active_end = np.where(lapsed, rng.integers(60, 450, N_PEOPLE), span_days)
    first_record = np.searchsorted(owner, np.arange(N_PEOPLE))
    counts = np.bincount(owner, minlength=N_PEOPLE)
    buyer = np.repeat(np.arange(N_PEOPLE), n_orders)
    is_first = np.concatenate([[True], buyer[1:] != buyer[:-1]])
    pick = np.floor(rng.random(len(buyer)) * counts[buyer]).astype(int)
    which = np.where(is_first, first_record[buyer], first_record[buyer] + pick)
    day = np.floor(rng.random(len(buyer)) * active_end[buyer]).astype(int)
    amount = np.round(AMOUNT_MEDIAN * np.exp(rng.normal(0.0, 0.8, len(buyer))), 2)
    transactions = pd.DataFrame({"record_id": record_ids[which], "date": START + pd.to_timedelta(day, unit="D"),
                                 "amount": amount})
    transactions = transactions.sort_values(["record_id", "date", "amount"], kind="mergesort").reset_index(drop=True)
    transactions.insert(0, "order_id", [f"O{i + 1:06d}" for i in range(len(transactions))])
    transactions["date"] = transactions["date"].astype("datetime64[ns]")

    main = pd.DataFrame(records).sort_values("record_id", kind="mergesort").reset_index(drop=True)
    main["birth_date"] = pd.to_datetime(main["birth_date"]).astype("datetime64[ns]")
    for column in ("record_id", "channel", "name", "phone", "email", "city", "district"):
        main[column] = main[column].astype("str")
    truth = pd.DataFrame(truth).sort_values("record_id", kind="mergesort").reset_index(drop=True)
    return {"main": main, "truth": truth, "transactions": transactions}
