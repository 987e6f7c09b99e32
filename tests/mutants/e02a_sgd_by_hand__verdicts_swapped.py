"""sweep_verdicts calls 1e-6 good and 1e-5 too small: the plot read the wrong way round."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"sweep_verdicts": ["1e-06"]}


def sweep_verdicts():
    return {1e-6: "good", 1e-5: "too small", 1e-4: "diverges"}
