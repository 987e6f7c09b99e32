"""A thread bomb that outlives its check: predict_3 starts up to 3000 sleeping threads in the
worker (they count against its process limit) and answers right. The next checks that run the
student's code in a process of their own (mnist_loss's gradient and training probes) can start
none in that worker: the grader must end it and run those checks again in a fresh one, so the
honest mnist_loss keeps its points.
"""

import threading
import time

EXERCISE = "e03_mnist_loss"
BASE = "solution"
ALONE = True
MUST_FAIL = []
MAY_FAIL = ["predict_3_threshold"]

_honest_predict_3 = globals()["predict_3"]  # the solution's, defined above this attack


def predict_3(preds):
    for _ in range(3000):
        t = threading.Thread(target=time.sleep, args=(120,), daemon=True)
        try:
            t.start()
        except RuntimeError:
            break
    return _honest_predict_3(preds)
