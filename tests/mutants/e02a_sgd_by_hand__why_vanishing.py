"""why_it_diverges picks vanishing gradients: the gradients grow instead."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"diverges_explained": ["vanishing gradients"]}


def why_it_diverges():
    return "a"
