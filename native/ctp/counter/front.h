// The simulated fronts' up/down state and the live Apis it applies to, shared by the trader and md libraries.
#pragma once
#include <mutex>
#include <set>

// Api must have: Worker worker_; void disconnect(int reason); void reconnect() (which checks isDown()).
template <typename Api>
class FrontRegistry {
public:
  void add(Api* api) { std::lock_guard<std::mutex> l(mutex_); apis_.insert(api); }
  void remove(Api* api) { std::lock_guard<std::mutex> l(mutex_); apis_.erase(api); }
  bool isDown() { std::lock_guard<std::mutex> l(mutex_); return down_; }
  void reset() { std::lock_guard<std::mutex> l(mutex_); down_ = false; }

  template <typename F>
  void forEach(F f) {
    std::lock_guard<std::mutex> l(mutex_);
    for (auto* api : apis_) f(api);
  }

  // Every Api gets OnFrontDisconnected(reason) on its own thread; the front returns after downMs, or on restore().
  void drop(int reason, int downMs) {
    { std::lock_guard<std::mutex> l(mutex_); down_ = true; }
    forEach([&](Api* api) {
      api->worker_.post([api, reason] { api->disconnect(reason); });
      if (downMs >= 0) api->worker_.postAfter(downMs, [this, api] { setUp(); api->reconnect(); });
    });
  }

  void restore() {
    setUp();
    forEach([](Api* api) { api->worker_.post([api] { api->reconnect(); }); });
  }

private:
  void setUp() { std::lock_guard<std::mutex> l(mutex_); down_ = false; }

  std::mutex mutex_;
  std::set<Api*> apis_;
  bool down_ = false;
};
