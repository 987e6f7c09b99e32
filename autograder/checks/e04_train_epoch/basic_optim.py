"""The check of ``BasicOptim``: ``step`` and ``zero_grad``, on a list of parameters and on the
generator ``model.parameters()`` returns.

The probe ``optim_run`` builds the parameters in the worker, sets their gradients, drives the
student's optimizer and returns the parameters and gradients after each call; the expected values
(``start - k * lr * grad``) are computed here.
"""

from __future__ import annotations

import torch

from autograder.checks.common import randn
from autograder.checks.e04_train_epoch.exercise import ATOL, OPTIM, RTOL, check
from autograder.checks.e04_train_epoch.problems import flat_params
from autograder.core.feedback import Mistake, Wrong, describe, expect_tensor


@check(points=1, description="BasicOptim.step moves each parameter by -lr * grad; zero_grad "
       "clears the gradients; both work with model.parameters()")
def basic_optim(sub):
    sub.fn("BasicOptim")
    lr = 0.25
    grads = [randn(4, 3, seed=72), randn(3, seed=73)]
    starts = [randn(4, 3, seed=70), randn(3, seed=71)]

    def after(k: float) -> torch.Tensor:  # the parameters after k steps with these gradients
        return torch.cat([(s - k * lr * g).reshape(-1) for s, g in zip(starts, grads, strict=True)])

    # 1) a list of parameters: one step, then zero_grad
    found = sub.probe("optim_run", starts, grads, lr)
    expect_tensor(flat_params(found["stepped"]), after(1), rtol=RTOL, atol=ATOL, section=OPTIM,
                  what=f"the parameters after BasicOptim(params, lr={lr}).step()",
                  mistakes=[Mistake("the step goes the wrong way: subtract lr * grad", after(-1)),
                            Mistake("lr is ignored: multiply the gradient by self.lr",
                                    after(1 / lr)),
                            Mistake("the learning rate is applied twice (lr * lr * grad): "
                                    "multiply by self.lr once", after(lr)),
                            Mistake("step() changed nothing: update p.data in place, not a copy",
                                    after(0))])
    if not all(found["leaves"]):
        raise Wrong("after step(), the parameters are no longer leaves that track gradients.",
                    cause="the update was recorded by autograd: change p.data, or update under "
                    "torch.no_grad()", section=OPTIM)
    left = [g for g in found["after_zero"] if g is not None and bool((g != 0).any())]
    if left:
        raise Wrong("after zero_grad(), the parameters' .grad still hold the gradients.",
                    expected="every .grad None (as in the book) or all zeros",
                    got=describe(left[0]), cause="zero_grad must visit every parameter and set "
                    "p.grad = None (or call p.grad.zero_())", section=OPTIM)
    # 2) a generator, as the Learner passes model.parameters(): step, zero_grad, backward, step
    found = sub.probe("optim_run", starts, grads, lr, True)
    expect_tensor(flat_params(found["final"]), after(2), rtol=RTOL, atol=ATOL, section=OPTIM,
                  what="the parameters after BasicOptim(model.parameters(), lr).step(), "
                       "zero_grad(), a new backward, step()",
                  mistakes=[Mistake("the second step() changed nothing: the parameters were kept "
                                    "as the generator that model.parameters() returns, which is "
                                    "used up after one loop; store self.params = list(params)",
                                    after(1))])
