// One thread per simulated Api: runs posted and delayed tasks in order, as the SDK's own callback thread would.
#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

class Worker {
public:
  using Clock = std::chrono::steady_clock;
  using Task = std::function<void()>;

  ~Worker() { stop(); }

  void start() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (thread_.joinable()) return;
    running_ = true;
    thread_ = std::thread([this] { run(); });
  }

  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      running_ = false;
    }
    wake_.notify_all();
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
  }

  void post(Task task) { postAt(Clock::now(), std::move(task)); }

  void postAfter(int ms, Task task) { postAt(Clock::now() + std::chrono::milliseconds(ms), std::move(task)); }

  bool onWorkerThread() const { return std::this_thread::get_id() == thread_.get_id(); }

private:
  void postAt(Clock::time_point when, Task task) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      // Same-time tasks keep their posting order: the sequence number breaks ties.
      tasks_.emplace(std::make_pair(when, sequence_++), std::move(task));
    }
    wake_.notify_all();
  }

  void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (running_) {
      if (tasks_.empty()) { wake_.wait(lock); continue; }
      auto first = tasks_.begin();
      if (first->first.first > Clock::now()) { wake_.wait_until(lock, first->first.first); continue; }
      Task task = std::move(first->second);
      tasks_.erase(first);
      lock.unlock();
      task();
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::pair<Clock::time_point, unsigned long long>, Task> tasks_;
  unsigned long long sequence_ = 0;
  bool running_ = false;
  std::thread thread_;
};
