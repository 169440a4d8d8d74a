Content-Length: 73

{"jsonrpc": "2.0", "id": 0, "method": "textDocument/hover", "params": {}}Content-Length: 534

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///w", "initializationOptions": {"debounceMs": 0}, "capabilities": {"textDocument": {"diagnostic": {}, "publishDiagnostics": {"relatedInformation": true}, "hover": {"contentFormat": ["markdown"]}}, "workspace": {"workspaceEdit": {"documentChanges": true}, "diagnostics": {"refreshSupport": true}, "configuration": true, "didChangeConfiguration": {"dynamicRegistration": true}, "didChangeWatchedFiles": {"dynamicRegistration": true}}}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 58

{"jsonrpc": "2.0", "id": 1, "result": [{"debounceMs": 0}]}Content-Length: 69

{"jsonrpc": "2.0", "id": 2, "method": "no/such/method", "params": {}}Content-Length: 158

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///nope"}, "position": {"line": -1, "character": 99999}}}Content-Length: 249

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/Dockerfile", "version": 2}, "contentChanges": [{"range": {"start": {"line": 5, "character": 0}, "end": {"line": 2, "character": 0}}, "text": "x"}]}}Content-Length: 67

{"jsonrpc": "2.0", "id": "s", "method": "initialize", "params": {}}Content-Type: x
Content-Length: 2

[]Content-Length: 99999

{"jsonrpc"