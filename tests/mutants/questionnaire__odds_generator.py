"""q04: round brackets make a generator expression, not a list."""
EXERCISE = "questionnaire"
MUST_FAIL = {"doubled_odds": ["generator", "list"]}


def doubled_odds(a):
    return (o * 2 for o in a if o % 2 == 1)
