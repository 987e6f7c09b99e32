"""q04: the filter keeps the even numbers (o % 2 == 0)."""
EXERCISE = "questionnaire"
MUST_FAIL = {"doubled_odds": ["even numbers are kept"]}


def doubled_odds(a):
    return [o * 2 for o in a if o % 2 == 0]
