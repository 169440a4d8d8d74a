Content-Length: 534

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///w", "initializationOptions": {"debounceMs": 0}, "capabilities": {"textDocument": {"diagnostic": {}, "publishDiagnostics": {"relatedInformation": true}, "hover": {"contentFormat": ["markdown"]}}, "workspace": {"workspaceEdit": {"documentChanges": true}, "diagnostics": {"refreshSupport": true}, "configuration": true, "didChangeConfiguration": {"dynamicRegistration": true}, "didChangeWatchedFiles": {"dynamicRegistration": true}}}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 416

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/Dockerfile", "languageId": "dockerfile", "version": 1, "text": "# syntax=docker/dockerfile:1\nFROM ubuntu:latest AS build\nARG VERSION=1\nRUN apt-get update && \\\n    apt-get install -y curl\nADD http://example.com/a.tgz /a\nCOPY <<EOF /etc/x\nhello\nEOF\nFROM build\nUSER root\nEXPOSE 22 80\nCMD echo $VERSION\n"}}}Content-Length: 125

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}}}Content-Length: 478

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/Dockerfile", "version": 2}, "contentChanges": [{"range": {"start": {"line": 1, "character": 12}, "end": {"line": 1, "character": 18}}, "text": "22.04"}, {"range": {"start": {"line": 10, "character": 0}, "end": {"line": 11, "character": 0}}, "text": ""}, {"range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}}, "text": "RUN pip install flask\n"}]}}Content-Length: 161

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 1, "character": 2}}}Content-Length: 161

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 4, "character": 8}}}Content-Length: 265

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 14, "character": 0}}, "context": {"diagnostics": [], "only": ["quickfix"]}}}Content-Length: 68

{"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 5}}Content-Length: 189

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/Dockerfile", "version": 3}, "contentChanges": [{"text": "FROM alpine\nRUN echo hi\n"}]}}Content-Length: 150

{"jsonrpc": "2.0", "id": 6, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "previousResultId": "1"}}Content-Length: 113

{"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}}}Content-Length: 114

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}}}Content-Length: 50

{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}