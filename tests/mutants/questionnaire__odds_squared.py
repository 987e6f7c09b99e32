"""q04: the comprehension squares the odd numbers instead of doubling them."""
EXERCISE = "questionnaire"
MUST_FAIL = {"doubled_odds": ["squared"]}


def doubled_odds(a):
    return [o * o for o in a if o % 2 == 1]
