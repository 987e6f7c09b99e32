"""accuracy flattens the predictions but not the targets: [N] against [N, 1] gives [N, N]."""

EXERCISE = "e03a_accuracy_as_loss"
MUST_FAIL = {"accuracy_values": ["[N, N]"]}


def accuracy(preds, targets):
    return ((preds.view(-1) > 0.0).float() == targets).float().mean().item()
