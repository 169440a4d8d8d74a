Content-Length: 595

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///w", "initializationOptions": {"berth": {"debounceMs": 0, "rules": {"K8S201": "off", "root-user": "error"}}}, "capabilities": {"textDocument": {"diagnostic": {}, "publishDiagnostics": {"relatedInformation": true}, "hover": {"contentFormat": ["markdown"]}}, "workspace": {"workspaceEdit": {"documentChanges": true}, "diagnostics": {"refreshSupport": true}, "configuration": true, "didChangeConfiguration": {"dynamicRegistration": true}, "didChangeWatchedFiles": {"dynamicRegistration": true}}}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 567

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/k8s/app.yaml", "languageId": "yaml", "version": 1, "text": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: web\n        image: nginx:latest\n        securityContext:\n          privileged: true\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: webb}\n  ports: [{port: 80}]\n"}}}Content-Length: 239

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/chart/templates/d.yaml", "languageId": "helm", "version": 1, "text": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n"}}}Content-Length: 366

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/k8s/app.yaml", "version": 2}, "contentChanges": [{"range": {"start": {"line": 11, "character": 15}, "end": {"line": 11, "character": 21}}, "text": "1.25"}, {"range": {"start": {"line": 13, "character": 22}, "end": {"line": 13, "character": 26}}, "text": "false"}]}}Content-Length: 163

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/k8s/app.yaml"}, "position": {"line": 1, "character": 3}}}Content-Length: 247

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/k8s/app.yaml"}, "range": {"start": {"line": 11, "character": 0}, "end": {"line": 11, "character": 30}}, "context": {"diagnostics": []}}}Content-Length: 127

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": "file:///w/k8s/app.yaml"}}}Content-Length: 161

{"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {"berth": {"rules": {"privileged-container": "off"}, "configFile": ""}}}}Content-Length: 133

{"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles", "params": {"changes": [{"uri": "file:///w/.berth.yaml", "type": 2}]}}Content-Length: 137

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": "file:///w/chart/templates/d.yaml"}}}Content-Length: 116

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/k8s/app.yaml"}}}Content-Length: 50

{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}