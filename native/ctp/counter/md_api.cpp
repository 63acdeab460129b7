// Simulated CThostFtdcMdApi: the SDK's exported factory and vtable; depth market data from the Api's own thread.
#include <algorithm>
#include <atomic>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "api_defaults.h"
#include "front.h"
#include "instruments.h"
#include "worker.h"

namespace {

struct MdSettings {
  std::mutex mutex;
  double ticksPerSecond = 2;  // per subscribed instrument; 0 = only injected ticks (deterministic tests)
};
MdSettings settings;

class SimMdApi;
FrontRegistry<SimMdApi> fronts;

struct Quote { double last, open, high, low; int volume; double turnover; };

class SimMdApi final : public CThostFtdcMdApiDefaults {
public:
  void Release() override;
  void Init() override;
  int Join() override { return 0; }
  const char* GetTradingDay() override { tradingDay_ = today(); return tradingDay_.c_str(); }
  void RegisterFront(char* address) override { front_ = address ? address : ""; }
  // A null Spi before Release is ignored, as in the trader Api: the worker may be mid-callback.
  void RegisterSpi(CThostFtdcMdSpi* spi) override { if (spi) spi_ = spi; }

  int ReqUserLogin(CThostFtdcReqUserLoginField* req, int id) override {
    if (!connected_) return -1;
    CThostFtdcReqUserLoginField copy = *req;
    worker_.post([this, copy, id] { login(copy, id); });
    return 0;
  }

  int SubscribeMarketData(char* ids[], int count) override { return subscription(ids, count, true); }
  int UnSubscribeMarketData(char* ids[], int count) override { return subscription(ids, count, false); }

  void reconnect() {
    if (connected_ || fronts.isDown() || front_.empty() || !spi_) return;
    connected_ = true;
    spi_->OnFrontConnected();
  }

  void disconnect(int reason) {
    if (!connected_) return;
    connected_ = loggedIn_ = false;
    subscribed_.clear();  // a new session starts without subscriptions, as on a real front
    if (spi_) spi_->OnFrontDisconnected(reason);
  }

  // Sends one tick for `id` if this session subscribed it; empty updateTime is sent as is (the gateway drops it).
  void tick(const std::string& id, double last, const std::string& updateTime, const std::string& actionDay, int ms) {
    const SimInstrument* i = findSimInstrument(id.c_str());
    if (!loggedIn_ || !spi_ || !subscribed_.count(id) || !i) return;
    Quote& q = quote(*i);
    q.last = last;
    q.high = std::fmax(q.high, last);
    q.low = std::fmin(q.low, last);
    q.volume += 1;
    q.turnover += last * i->multiple;
    fill(*i, q, updateTime, actionDay, ms);
    spi_->OnRtnDepthMarketData(&field_);
  }

  void burst(const std::string& id, int count, double perSecond);
  Worker worker_;

private:
  int subscription(char* ids[], int count, bool subscribe) {
    if (!connected_) return -1;
    std::vector<std::string> list(ids, ids + count);
    worker_.post([this, list, subscribe] {
      for (size_t k = 0; k < list.size(); k++) {
        if (subscribe) subscribed_.insert(list[k]); else subscribed_.erase(list[k]);
        CThostFtdcSpecificInstrumentField f{};
        put(f.InstrumentID, list[k].c_str());
        CThostFtdcRspInfoField info;
        rspOk(info);
        bool last = k + 1 == list.size();
        if (subscribe) spi_->OnRspSubMarketData(&f, &info, 0, last); else spi_->OnRspUnSubMarketData(&f, &info, 0, last);
      }
    });
    return 0;
  }

  void login(const CThostFtdcReqUserLoginField& req, int id) {
    if (!connected_ || !spi_) return;
    CThostFtdcRspUserLoginField rsp{};
    put(rsp.BrokerID, req.BrokerID); put(rsp.UserID, req.UserID);
    put(rsp.TradingDay, today().c_str()); put(rsp.LoginTime, clockTime().c_str());
    CThostFtdcRspInfoField info;
    rspOk(info);
    loggedIn_ = true;
    spi_->OnRspUserLogin(&rsp, &info, id, true);
  }

  Quote& quote(const SimInstrument& i) {
    auto it = quotes_.find(i.id);
    if (it == quotes_.end()) it = quotes_.emplace(i.id, Quote{i.reference, i.reference, i.reference, i.reference, 0, 0}).first;
    return it->second;
  }

  // Depth beyond level 1 and the day's settlement are unknown intraday: CTP marks them DBL_MAX.
  void fill(const SimInstrument& i, const Quote& q, const std::string& updateTime, const std::string& actionDay, int ms) {
    CThostFtdcDepthMarketDataField& f = field_;
    std::memset(&f, 0, sizeof f);
    put(f.TradingDay, today().c_str()); put(f.InstrumentID, i.id); put(f.ActionDay, actionDay.c_str());
    put(f.UpdateTime, updateTime.c_str()); f.UpdateMillisec = ms;
    f.LastPrice = q.last; f.PreSettlementPrice = i.reference; f.PreClosePrice = i.reference;
    f.OpenPrice = q.open; f.HighestPrice = q.high; f.LowestPrice = q.low;
    f.Volume = q.volume; f.Turnover = q.turnover; f.OpenInterest = 1000 + q.volume; f.PreOpenInterest = 1000;
    f.ClosePrice = f.SettlementPrice = f.PreDelta = f.CurrDelta = DBL_MAX;
    f.UpperLimitPrice = i.reference * 1.1; f.LowerLimitPrice = i.reference * 0.9;
    f.BidPrice1 = q.last - i.tick; f.AskPrice1 = q.last + i.tick; f.BidVolume1 = 5; f.AskVolume1 = 7;
    f.BidPrice2 = f.BidPrice3 = f.BidPrice4 = f.BidPrice5 = DBL_MAX;
    f.AskPrice2 = f.AskPrice3 = f.AskPrice4 = f.AskPrice5 = DBL_MAX;
    f.AveragePrice = q.volume ? q.turnover / q.volume : 0;
    f.BandingUpperPrice = f.BandingLowerPrice = DBL_MAX;
  }

  void generate();

  CThostFtdcMdSpi* spi_ = nullptr;
  std::string front_, tradingDay_;
  std::atomic<bool> connected_{false}, loggedIn_{false};  // read by request calls on the caller's thread
  std::set<std::string> subscribed_;
  std::map<std::string, Quote> quotes_;
  CThostFtdcDepthMarketDataField field_{};
  unsigned seed_ = 42;
  bool generating_ = false;
};


void SimMdApi::Init() {
  fronts.add(this);
  worker_.start();
  worker_.postAfter(5, [this] { reconnect(); });
  worker_.post([this] { generate(); });
}

void SimMdApi::Release() {
  fronts.remove(this);
  worker_.stop();
  delete this;
}

// Random walk with a fixed seed, one tick per subscribed instrument per period; re-arms itself.
void SimMdApi::generate() {
  double rate;
  { std::lock_guard<std::mutex> l(settings.mutex); rate = settings.ticksPerSecond; }
  if (rate > 0 && loggedIn_) {
    for (const auto& id : subscribed_) {
      const SimInstrument* i = findSimInstrument(id.c_str());
      if (!i) continue;
      seed_ = seed_ * 1103515245 + 12345;
      double step = double(int((seed_ >> 16) % 3) - 1) * i->tick;
      double next = std::fmin(std::fmax(quote(*i).last + step, i->reference * 0.9), i->reference * 1.1);
      auto now = std::chrono::system_clock::now();
      int ms = int(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000);
      tick(id, next, clockTime(), today(), ms);
    }
  }
  worker_.postAfter(rate > 0 ? std::max(1, int(1000 / rate)) : 100, [this] { generate(); });
}

// Up to `count` ticks as fast as the Spi takes them, or paced to `perSecond`, all from this Api's thread.
void SimMdApi::burst(const std::string& id, int count, double perSecond) {
  const SimInstrument* i = findSimInstrument(id.c_str());
  if (!i) return;
  auto start = std::chrono::steady_clock::now();
  std::string time = clockTime(), day = today();
  int batch = std::max(1, int(perSecond / 1000));  // about one pacing sleep per millisecond at any rate
  for (int n = 0; n < count; n++) {
    if (perSecond > 0 && n % batch == 0) {
      auto due = start + std::chrono::nanoseconds(static_cast<long long>(n / perSecond * 1e9));
      std::this_thread::sleep_until(due);
    }
    tick(id, i->reference + (n % 10) * i->tick, time, day, n % 1000);
  }
}

}  // namespace

CThostFtdcMdApi* CThostFtdcMdApi::CreateFtdcMdApi(const char*, const bool, const bool, bool) { return new SimMdApi(); }

const char* CThostFtdcMdApi::GetApiVersion() { return "v6.7.x vntrader-sim"; }

// ---- test hooks (not part of the SDK) ----

SIM_EXPORT void ctpsim_md_set_tick_rate(double perSecond) { std::lock_guard<std::mutex> l(settings.mutex); settings.ticksPerSecond = perSecond; }

SIM_EXPORT void ctpsim_md_inject_tick(const char* instrument, double last, const char* updateTime, const char* actionDay, int ms) {
  std::string id = instrument, time = updateTime ? updateTime : "", day = actionDay ? actionDay : today();
  fronts.forEach([&](SimMdApi* api) { api->worker_.post([=] { api->tick(id, last, time, day, ms); }); });
}

SIM_EXPORT void ctpsim_md_burst(const char* instrument, int count, double perSecond) {
  std::string id = instrument;
  fronts.forEach([&](SimMdApi* api) { api->worker_.post([=] { api->burst(id, count, perSecond); }); });
}

SIM_EXPORT void ctpsim_md_drop_front(int reason, int downMs) { fronts.drop(reason, downMs); }
SIM_EXPORT void ctpsim_md_restore_front() { fronts.restore(); }
