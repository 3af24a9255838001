#include "xvfb_server.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xcb/xcb.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

namespace tfts::x11::testing {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

// Forks and execs Xvfb with `args`; `keep_fd` stays open in the child (-displayfd). Its output
// goes to /dev/null: Xvfb warns about missing fonts and such on every start.
pid_t spawn(const std::vector<std::string>& args, int keep_fd) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid != 0) return pid;
  // A test that crashes or is killed by ctest's timeout must not leave its Xvfb behind.
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  const int null = ::open("/dev/null", O_RDWR);
  dup2(null, 0);
  dup2(null, 1);
  dup2(null, 2);
  for (int fd = 3; fd < 1024; ++fd) {
    if (fd != keep_fd) ::close(fd);
  }
  execvp(argv[0], argv.data());
  _exit(127);
}

bool can_connect(const std::string& display) {
  xcb_connection_t* c = xcb_connect(display.c_str(), nullptr);
  const bool ok = xcb_connection_has_error(c) == 0;
  xcb_disconnect(c);
  return ok;
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

std::vector<std::string> XvfbServer::arguments(const std::string& display_arg) const {
  std::vector<std::string> args = {"Xvfb"};
  if (!display_arg.empty()) args.push_back(display_arg);
  // -noreset: the server keeps its state when the last client leaves (tests connect and
  // disconnect sources while drawing stays).
  for (const char* a : {"-nolisten", "tcp", "-noreset", "-screen", "0"}) args.emplace_back(a);
  args.push_back(std::to_string(options_.width) + "x" + std::to_string(options_.height) + "x" +
                 std::to_string(options_.depth));
  args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());
  return args;
}

bool XvfbServer::start(const XvfbOptions& options, std::string& error) {
  stop();
  options_ = options;
  int fds[2];
  if (pipe(fds) != 0) {
    error = "pipe failed";
    return false;
  }
  std::vector<std::string> args = arguments("");
  args.push_back("-displayfd");
  args.push_back(std::to_string(fds[1]));
  pid_ = spawn(args, fds[1]);
  ::close(fds[1]);
  std::string number;
  const auto deadline = SteadyClock::now() + 15s;
  while (number.find('\n') == std::string::npos && SteadyClock::now() < deadline) {
    pollfd p{fds[0], POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buf[16];
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    number.append(buf, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  if (number.find('\n') == std::string::npos) {
    error = "Xvfb did not report a display number (is the xvfb package installed?)";
    stop();
    return false;
  }
  number_ = std::stoi(number);
  return wait_ready(error);
}

bool XvfbServer::restart(std::string& error) {
  stop();
  const auto deadline = SteadyClock::now() + 10s;
  while (SteadyClock::now() < deadline) {
    pid_ = spawn(arguments(display()), -1);
    // A server that cannot take the number (lock still held) exits at once.
    std::this_thread::sleep_for(200ms);
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      continue;
    }
    return wait_ready(error);
  }
  error = "Xvfb could not start again on display ";
  error += display();
  return false;
}

bool XvfbServer::wait_ready(std::string& error) {
  const auto deadline = SteadyClock::now() + 15s;
  while (SteadyClock::now() < deadline) {
    if (can_connect(display())) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      error = "Xvfb exited during start on display ";
      error += display();
      return false;
    }
    std::this_thread::sleep_for(20ms);
  }
  error = "Xvfb did not accept connections within 15 s on display ";
  error += display();
  stop();
  return false;
}

void XvfbServer::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  const auto deadline = SteadyClock::now() + 5s;
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (SteadyClock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(10ms);
  }
  pid_ = -1;
}

double XvfbServer::cpu_seconds() const {
  if (pid_ <= 0) return -1;
  std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
  const size_t close = text.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  double utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14) utime = std::stod(field);
    if (i == 15) stime = std::stod(field);
  }
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

int unused_display_number() {
  for (int n = 90; n < 400; ++n) {
    const std::string s = std::to_string(n);
    if (!exists("/tmp/.X11-unix/X" + s) && !exists("/tmp/.X" + s + "-lock")) return n;
  }
  return 399;
}

}  // namespace tfts::x11::testing
