-- Neovim's built-in LSP client against `docker-doctor lsp` (headless). Opens
-- the fixture Dockerfile, waits for diagnostics, deletes a line (an
-- incremental didChange), waits again, and writes what it received to
-- $DD_LSP_OUT, one diagnostic a line: "CODE lnum:col-end_lnum:end_col", with
-- Neovim's own 0-based byte columns (it converts from UTF-16 itself).
-- Debian bookworm ships Neovim 0.7: vim.lsp.start (0.8) does not exist, so
-- this uses start_client + buf_attach_client.
local binary = os.getenv('DD_LSP_BINARY')
local file = os.getenv('DD_LSP_FILE')
local out = os.getenv('DD_LSP_OUT')
local lines = {}

local function finish(status)
  table.insert(lines, status)
  vim.fn.writefile(lines, out)
  vim.cmd('qall!')
end

local function dump(bufnr, heading)
  table.insert(lines, heading)
  local got = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'
    table.insert(got, string.format('%s %d:%d-%d:%d', code, d.lnum, d.col, d.end_lnum, d.end_col))
  end
  table.sort(got)
  vim.list_extend(lines, got)
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'docker-doctor',
  cmd = { binary, 'lsp', '--debounce', '20' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
})
if not client_id then return finish('error: start_client failed') end
vim.lsp.buf_attach_client(bufnr, client_id)

if not vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then
  return finish('error: no diagnostics after open')
end
dump(bufnr, 'open')

-- Delete the MAINTAINER line and its expect comment.
local maintainer
for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
  if l:match('^MAINTAINER') then maintainer = i - 1 end
end
vim.api.nvim_buf_set_lines(bufnr, maintainer, maintainer + 2, false, {})
if not vim.wait(20000, function() return #vim.diagnostic.get(bufnr) == 1 end, 20) then
  dump(bufnr, 'stuck')
  return finish('error: diagnostics did not follow the edit')
end
dump(bufnr, 'edited')

vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
finish('done')
