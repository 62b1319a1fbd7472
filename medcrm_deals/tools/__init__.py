from . import rpc_args
