// Simulated CThostFtdcTraderApi: the SDK's exported factory and vtable, answering from the in-process SimExchange.
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>

#include "api_defaults.h"
#include "exchange.h"
#include "front.h"
#include "worker.h"

namespace {

struct TraderSettings {
  std::mutex mutex;
  std::string password, authCode;  // empty = accept anything
  int queryIntervalMs = 1000;      // CTP allows one query per second per session
  int rejectNextQueries = 0;
  bool replayAllOnRelogin = false;
  bool skipFlowOnRelogin = false;  // worst case for the client: the outage's flow is never delivered
  int lastProductionMode = -1;  // bIsProductionMode of the latest CreateFtdcTraderApi call
  int requiredProductionMode = -1;  // -1 any; else a front that only shakes hands with that build
};
TraderSettings settings;

long long nowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

class SimTraderApi;
FrontRegistry<SimTraderApi> fronts;

class SimTraderApi final : public CThostFtdcTraderApiDefaults {
public:
  explicit SimTraderApi(bool production) : production_(production) {}

  void Release() override {
    fronts.remove(this);
    SimExchange::instance().removeListener(listener_);
    worker_.stop();
    delete this;
  }

  void Init() override {
    fronts.add(this);
    listener_ = SimExchange::instance().addListener([this] { worker_.post([this] { pumpFlow(); }); });
    worker_.start();
    worker_.postAfter(5, [this] { reconnect(); });
  }

  int Join() override { return 0; }
  const char* GetTradingDay() override { tradingDay_ = SimExchange::instance().tradingDay(); return tradingDay_.c_str(); }
  void RegisterFront(char* address) override { front_ = address ? address : ""; }
  // A null Spi (what a caller registers just before Release) is ignored: the worker may be mid-callback, and
  // the caller frees its Spi only after Release has stopped the worker.
  void RegisterSpi(CThostFtdcTraderSpi* spi) override { if (spi) spi_ = spi; }
  void SubscribePrivateTopic(THOST_TE_RESUME_TYPE type) override { privateResume_ = type; }
  void SubscribePublicTopic(THOST_TE_RESUME_TYPE) override {}

  int ReqAuthenticate(CThostFtdcReqAuthenticateField* req, int id) override {
    return session(*req, id, &SimTraderApi::authenticate);
  }
  int ReqUserLogin(CThostFtdcReqUserLoginField* req, int id) override { return session(*req, id, &SimTraderApi::login); }
  int ReqSettlementInfoConfirm(CThostFtdcSettlementInfoConfirmField* req, int id) override {
    return session(*req, id, &SimTraderApi::confirm);
  }
  int ReqOrderInsert(CThostFtdcInputOrderField* req, int id) override { return session(*req, id, &SimTraderApi::insert); }
  int ReqOrderAction(CThostFtdcInputOrderActionField* req, int id) override { return session(*req, id, &SimTraderApi::cancel); }
  int ReqQryInstrument(CThostFtdcQryInstrumentField* req, int id) override { return query(*req, id, &SimTraderApi::instruments); }
  int ReqQryTradingAccount(CThostFtdcQryTradingAccountField* req, int id) override {
    return query(*req, id, &SimTraderApi::account);
  }
  int ReqQryInvestorPosition(CThostFtdcQryInvestorPositionField* req, int id) override {
    return query(*req, id, &SimTraderApi::positions);
  }
  int ReqQryOrder(CThostFtdcQryOrderField* req, int id) override { return query(*req, id, &SimTraderApi::queryOrders); }
  int ReqQryTrade(CThostFtdcQryTradeField* req, int id) override { return query(*req, id, &SimTraderApi::queryTrades); }

  // ---- front state, driven by Init and the test hooks; always on the worker thread ----
  void reconnect() {
    int required;
    { std::lock_guard<std::mutex> lock(settings.mutex); required = settings.requiredProductionMode; }
    if (connected_ || fronts.isDown() || front_.empty() || !spi_) return;
    if (required >= 0 && required != int(production_)) {
      // A production front refuses an evaluation build's handshake (and vice versa): 4097, then the API retries.
      spi_->OnFrontDisconnected(0x1001);
      worker_.postAfter(1000, [this] { reconnect(); });
      return;
    }
    connected_ = true;
    spi_->OnFrontConnected();
  }

  void disconnect(int reason) {
    if (!connected_) return;
    connected_ = loggedIn_ = false;
    if (spi_) spi_->OnFrontDisconnected(reason);
  }

  Worker worker_;

private:
  // Copies the request (the caller's struct is only valid during the call) and answers on the Api thread.
  template <typename Field>
  int session(const Field& req, int id, void (SimTraderApi::*handler)(const Field&, int)) {
    if (!connected_) return -1;
    worker_.post([this, req, id, handler] { if (connected_ && spi_) (this->*handler)(req, id); });
    return 0;
  }

  template <typename Field>
  int query(const Field& req, int id, void (SimTraderApi::*handler)(const Field&, int)) {
    if (!connected_) return -1;
    {
      std::lock_guard<std::mutex> lock(settings.mutex);
      if (settings.rejectNextQueries > 0) { settings.rejectNextQueries--; return -2; }
      if (nowMs() - lastQueryMs_ < settings.queryIntervalMs) return -3;
    }
    lastQueryMs_ = nowMs();
    return session(req, id, handler);
  }

  void authenticate(const CThostFtdcReqAuthenticateField& req, int id) {
    CThostFtdcRspAuthenticateField rsp{};
    put(rsp.BrokerID, req.BrokerID); put(rsp.UserID, req.UserID); put(rsp.AppID, req.AppID);
    rsp.AppType = THOST_FTDC_APP_TYPE_Investor;
    CThostFtdcRspInfoField info;
    std::string expected;
    { std::lock_guard<std::mutex> lock(settings.mutex); expected = settings.authCode; }
    if (!expected.empty() && expected != req.AuthCode) rspError(info, 63, "CTP:客户端认证失败"); else rspOk(info);
    spi_->OnRspAuthenticate(&rsp, &info, id, true);
  }

  void login(const CThostFtdcReqUserLoginField& req, int id) {
    std::string expected;
    { std::lock_guard<std::mutex> lock(settings.mutex); expected = settings.password; }
    CThostFtdcRspInfoField info;
    CThostFtdcRspUserLoginField rsp{};
    put(rsp.BrokerID, req.BrokerID); put(rsp.UserID, req.UserID);
    if (!expected.empty() && expected != req.Password) {
      rspError(info, 3, "CTP:不合法的登录");
      spi_->OnRspUserLogin(&rsp, &info, id, true);
      return;
    }
    sessionId_ = SimExchange::instance().newSessionId();
    put(rsp.TradingDay, SimExchange::instance().tradingDay().c_str()); put(rsp.LoginTime, clockTime().c_str());
    put(rsp.SystemName, "vntrader-sim"); put(rsp.MaxOrderRef, "0");
    rsp.FrontID = FRONT_ID; rsp.SessionID = sessionId_;
    put(brokerId_, req.BrokerID); put(userId_, req.UserID);
    rspOk(info);
    spi_->OnRspUserLogin(&rsp, &info, id, true);
    loggedIn_ = true;
    startFlow();
    pumpFlow();
  }

  // RESTART replays today's private flow from the start; a re-login resumes where this Api left off.
  void startFlow() {
    bool replayAll, skip;
    { std::lock_guard<std::mutex> lock(settings.mutex); replayAll = settings.replayAllOnRelogin; skip = settings.skipFlowOnRelogin; }
    if (!flowStarted_) delivered_ = privateResume_ == THOST_TERT_QUICK ? SimExchange::instance().flowSize() : 0;
    else if (replayAll) delivered_ = 0;
    else if (skip) delivered_ = SimExchange::instance().flowSize();
    flowStarted_ = true;
  }

  void pumpFlow() {
    if (!loggedIn_ || !spi_) return;
    auto events = SimExchange::instance().flowFrom(delivered_);
    for (auto& e : events) {
      if (e.isTrade) spi_->OnRtnTrade(&e.trade); else spi_->OnRtnOrder(&e.order);
    }
    delivered_ += events.size();
  }

  void confirm(const CThostFtdcSettlementInfoConfirmField& req, int id) {
    CThostFtdcSettlementInfoConfirmField rsp = req;
    put(rsp.ConfirmDate, today().c_str()); put(rsp.ConfirmTime, clockTime().c_str());
    CThostFtdcRspInfoField info;
    rspOk(info);
    spi_->OnRspSettlementInfoConfirm(&rsp, &info, id, true);
  }

  void insert(const CThostFtdcInputOrderField& req, int id) {
    InsertResult r = SimExchange::instance().insertOrder(req, FRONT_ID, sessionId_, id);
    if (!r.errorId) return;
    CThostFtdcRspInfoField info;
    rspError(info, r.errorId, r.errorMsg.c_str());
    CThostFtdcInputOrderField echo = req;
    spi_->OnRspOrderInsert(&echo, &info, id, true);
    spi_->OnErrRtnOrderInsert(&echo, &info);
  }

  void cancel(const CThostFtdcInputOrderActionField& req, int id) {
    InsertResult r = SimExchange::instance().cancelOrder(req);
    if (!r.errorId) return;
    CThostFtdcRspInfoField info;
    rspError(info, r.errorId, r.errorMsg.c_str());
    CThostFtdcInputOrderActionField echo = req;
    spi_->OnRspOrderAction(&echo, &info, id, true);
  }

  void instruments(const CThostFtdcQryInstrumentField& req, int id);
  void account(const CThostFtdcQryTradingAccountField&, int id) {
    auto a = SimExchange::instance().account(brokerId_, userId_);
    CThostFtdcRspInfoField info;
    rspOk(info);
    spi_->OnRspQryTradingAccount(&a, &info, id, true);
  }
  void positions(const CThostFtdcQryInvestorPositionField&, int id);
  void queryOrders(const CThostFtdcQryOrderField&, int id);
  void queryTrades(const CThostFtdcQryTradeField&, int id);

  static constexpr int FRONT_ID = 1;
  bool production_;
  CThostFtdcTraderSpi* spi_ = nullptr;
  std::string front_, tradingDay_;
  THOST_TE_RESUME_TYPE privateResume_ = THOST_TERT_RESTART;
  std::atomic<bool> connected_{false}, loggedIn_{false};
  bool flowStarted_ = false;
  size_t delivered_ = 0;
  int sessionId_ = 0, listener_ = 0;
  long long lastQueryMs_ = -1000000;
  char brokerId_[11] = {}, userId_[16] = {};
};

void SimTraderApi::instruments(const CThostFtdcQryInstrumentField&, int id) {
  size_t n = sizeof SIM_INSTRUMENTS / sizeof SIM_INSTRUMENTS[0];
  for (size_t k = 0; k < n; k++) {
    const SimInstrument& i = SIM_INSTRUMENTS[k];
    CThostFtdcInstrumentField f{};
    put(f.InstrumentID, i.id); put(f.ExchangeID, i.exchange); putGbk(f.InstrumentName, i.name);
    put(f.ProductID, i.product); put(f.ExchangeInstID, i.id);
    f.ProductClass = i.productClass; f.VolumeMultiple = i.multiple; f.PriceTick = i.tick;
    f.MaxLimitOrderVolume = 500; f.MinLimitOrderVolume = 1; f.MaxMarketOrderVolume = 100; f.MinMarketOrderVolume = 1;
    put(f.OpenDate, "20250101"); put(f.ExpireDate, "20261215"); put(f.CreateDate, "20241231");
    f.IsTrading = 1; f.InstLifePhase = THOST_FTDC_IP_Started; f.PositionType = THOST_FTDC_PT_Gross;
    put(f.UnderlyingInstrID, i.underlying); f.OptionsType = i.optionsType; f.StrikePrice = i.strike;
    f.UnderlyingMultiple = i.optionsType ? 1 : 0;
    spi_->OnRspQryInstrument(&f, nullptr, id, k + 1 == n);
  }
}

void SimTraderApi::positions(const CThostFtdcQryInvestorPositionField&, int id) {
  auto rows = SimExchange::instance().positions(brokerId_, userId_);
  if (rows.empty()) { spi_->OnRspQryInvestorPosition(nullptr, nullptr, id, true); return; }
  for (size_t k = 0; k < rows.size(); k++) spi_->OnRspQryInvestorPosition(&rows[k], nullptr, id, k + 1 == rows.size());
}

void SimTraderApi::queryOrders(const CThostFtdcQryOrderField&, int id) {
  auto rows = SimExchange::instance().orders();
  if (rows.empty()) { spi_->OnRspQryOrder(nullptr, nullptr, id, true); return; }
  for (size_t k = 0; k < rows.size(); k++) spi_->OnRspQryOrder(&rows[k], nullptr, id, k + 1 == rows.size());
}

void SimTraderApi::queryTrades(const CThostFtdcQryTradeField&, int id) {
  auto rows = SimExchange::instance().trades();
  if (rows.empty()) { spi_->OnRspQryTrade(nullptr, nullptr, id, true); return; }
  for (size_t k = 0; k < rows.size(); k++) spi_->OnRspQryTrade(&rows[k], nullptr, id, k + 1 == rows.size());
}

}  // namespace

// ---- the SDK's static factories: same mangled names as thosttraderapi_se ----

CThostFtdcTraderApi* CThostFtdcTraderApi::CreateFtdcTraderApi(const char*, bool production) {
  { std::lock_guard<std::mutex> l(settings.mutex); settings.lastProductionMode = production ? 1 : 0; }
  return new SimTraderApi(production);
}

const char* CThostFtdcTraderApi::GetApiVersion() { return "v6.7.x vntrader-sim"; }

// ---- test hooks (not part of the SDK) ----

SIM_EXPORT void ctpsim_td_reset() {
  SimExchange::instance().reset();
  std::lock_guard<std::mutex> lock(settings.mutex);
  settings.password.clear(); settings.authCode.clear();
  settings.queryIntervalMs = 1000; settings.rejectNextQueries = 0;
  settings.replayAllOnRelogin = false; settings.skipFlowOnRelogin = false; settings.requiredProductionMode = -1;
  fronts.reset();
}

SIM_EXPORT void ctpsim_td_set_credentials(const char* password, const char* authCode) {
  std::lock_guard<std::mutex> lock(settings.mutex);
  settings.password = password ? password : "";
  settings.authCode = authCode ? authCode : "";
}

SIM_EXPORT void ctpsim_td_set_query_interval_ms(int ms) { std::lock_guard<std::mutex> l(settings.mutex); settings.queryIntervalMs = ms; }
SIM_EXPORT void ctpsim_td_reject_next_queries(int n) { std::lock_guard<std::mutex> l(settings.mutex); settings.rejectNextQueries = n; }
SIM_EXPORT void ctpsim_td_replay_all_on_relogin(int on) { std::lock_guard<std::mutex> l(settings.mutex); settings.replayAllOnRelogin = on != 0; }
SIM_EXPORT void ctpsim_td_skip_flow_on_relogin(int on) { std::lock_guard<std::mutex> l(settings.mutex); settings.skipFlowOnRelogin = on != 0; }
SIM_EXPORT void ctpsim_td_set_price(const char* instrument, double price) { SimExchange::instance().setPrice(instrument, price); }
SIM_EXPORT void ctpsim_td_set_liquidity(const char* instrument, int volume) { SimExchange::instance().setLiquidity(instrument, volume); }
SIM_EXPORT void ctpsim_td_set_lot_per_trade(int lots) { SimExchange::instance().setLotPerTrade(lots); }
SIM_EXPORT void ctpsim_td_require_production_mode(int mode) { std::lock_guard<std::mutex> l(settings.mutex); settings.requiredProductionMode = mode; }
SIM_EXPORT int ctpsim_td_last_production_mode() { std::lock_guard<std::mutex> l(settings.mutex); return settings.lastProductionMode; }
SIM_EXPORT int ctpsim_td_order_count() { return int(SimExchange::instance().orders().size()); }
SIM_EXPORT int ctpsim_td_trade_count() { return int(SimExchange::instance().trades().size()); }

// Drops every trader front with `reason` (e.g. 4097); it comes back after downMs, or on restore if downMs < 0.
SIM_EXPORT void ctpsim_td_drop_front(int reason, int downMs) { fronts.drop(reason, downMs); }
SIM_EXPORT void ctpsim_td_restore_front() { fronts.restore(); }
