// Subprocess, temp-dir and golden-file helpers for the CLI tests.
#include "tests/cli/cli_support.h"

#include <doctest/doctest.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>

#include "tests/support/test_support.h"

extern char** environ;

namespace berth::test {

namespace fs = std::filesystem;

namespace {

RunResult run(const std::vector<std::string>& argv, const fs::path& cwd, const std::string& input,
              const std::map<std::string, std::string>& env) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  REQUIRE(pipe(in_pipe) == 0);
  REQUIRE(pipe(out_pipe) == 0);
  REQUIRE(pipe(err_pipe) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
      close(fd);
    }
    if (chdir(cwd.c_str()) != 0) _exit(127);
    for (const auto& [key, value] : env) {
      if (value.empty()) {
        unsetenv(key.c_str());
      } else {
        setenv(key.c_str(), value.c_str(), 1);
      }
    }
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  // Feed stdin and drain both outputs together, so no pipe fills up and blocks the child.
  RunResult result;
  size_t written = 0;
  int in_fd = in_pipe[1];
  if (input.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  bool out_open = true, err_open = true;
  while (out_open || err_open || in_fd >= 0) {
    std::vector<pollfd> fds;
    if (out_open) fds.push_back({out_pipe[0], POLLIN, 0});
    if (err_open) fds.push_back({err_pipe[0], POLLIN, 0});
    if (in_fd >= 0) fds.push_back({in_fd, POLLOUT, 0});
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (const pollfd& p : fds) {
      if (!p.revents) continue;
      if (p.fd == in_fd) {
        const ssize_t n = write(in_fd, input.data() + written, input.size() - written);
        if (n > 0) written += static_cast<size_t>(n);
        if (n < 0 || written == input.size()) {
          close(in_fd);
          in_fd = -1;
        }
        continue;
      }
      char buffer[65536];
      const ssize_t n = read(p.fd, buffer, sizeof buffer);
      if (n <= 0) {
        (p.fd == out_pipe[0] ? out_open : err_open) = false;
      } else {
        (p.fd == out_pipe[0] ? result.out : result.err).append(buffer, static_cast<size_t>(n));
      }
    }
  }
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace

RunResult run_berth(const std::vector<std::string>& args, const fs::path& cwd,
                    const std::string& input, const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv = {berth_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, cwd, input, env);
}

RunResult run_program(const std::vector<std::string>& argv, const fs::path& cwd,
                      const std::string& input) {
  return run(argv, cwd, input, {});
}

TempDir::TempDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() /
          ("berth-cli-" + std::to_string(getpid()) + "-" + std::to_string(random()));
  fs::create_directories(path_ / ".git");
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void copy_fixture(const std::string& name, const fs::path& dir) {
  fs::copy(fs::path(source_dir()) / "tests/cli/fixtures" / name, dir,
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

void write_text_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

void check_golden(const std::string& name, const std::string& actual) {
  const fs::path path = fs::path(source_dir()) / "tests/cli/golden" / name;
  const char* update = std::getenv("BERTH_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    write_text_file(path, actual);
    MESSAGE("updated " << path.string());
    return;
  }
  INFO("golden file " << path.string()
                      << " differs (BERTH_UPDATE_GOLDEN=1 rewrites it after a deliberate change)");
  REQUIRE(fs::exists(path));
  CHECK(read_file(path.string()) == actual);
}

void save_sarif(const std::string& name, const std::string& text) {
  write_text_file(fs::path(BERTH_SARIF_OUT_DIR) / (name + ".sarif"), text);
}

}  // namespace berth::test
