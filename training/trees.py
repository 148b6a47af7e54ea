"""Nested folders (departments, question categories) are parent links; this finds everything below a node."""


def ids_below(model, root_id: int) -> set[int]:
    """`root_id` and the ids of every node under it, in one query (the trees here hold hundreds of nodes)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in model.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, frontier = {root_id}, [root_id]
    while frontier:
        frontier = [child for pk in frontier for child in children.get(pk, []) if child not in found]
        found.update(frontier)
    return found
