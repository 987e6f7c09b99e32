def data_variant(ds): return f"{ds.name}:{'complete' if ds.complete else 'embedded'}"
def threshold_for(stage, variant): return None
