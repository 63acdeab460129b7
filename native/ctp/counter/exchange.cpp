// The simulated counter's matching and bookkeeping, deterministic so tests can assert exact fills.
#include "exchange.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace {
constexpr double FEE_PER_LOT = 2.0;

bool isBuy(const CThostFtdcOrderField& f) { return f.Direction == THOST_FTDC_D_Buy; }
bool separatesToday(const SimInstrument* i) { return !std::strcmp(i->exchange, "SHFE") || !std::strcmp(i->exchange, "INE"); }
// A buy closes short holdings, a sell closes long ones.
char closedSide(const CThostFtdcOrderField& f) { return isBuy(f) ? THOST_FTDC_PD_Short : THOST_FTDC_PD_Long; }
char openedSide(const CThostFtdcOrderField& f) { return isBuy(f) ? THOST_FTDC_PD_Long : THOST_FTDC_PD_Short; }
}  // namespace

SimExchange& SimExchange::instance() {
  static SimExchange exchange;
  return exchange;
}

void SimExchange::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  tradingDay_ = today();
  books_.clear();
  for (const auto& i : SIM_INSTRUMENTS) books_[i.id] = {i.reference, 1 << 30};
  holdings_.clear();
  // Yesterday's holdings, so close / close-yesterday / close-today rules have something to act on.
  holdings_[{"rb2601", THOST_FTDC_PD_Long}] = {3, 0, 0, 0, 3 * 3480.0 * 10, 0};
  holdings_[{"m2601", THOST_FTDC_PD_Short}] = {2, 0, 0, 0, 2 * 3010.0 * 10, 0};
  orders_.clear();
  flow_.clear();
  trades_.clear();
  nextSysId_ = nextTradeId_ = 1;
  lotPerTrade_ = 2;
  closeProfit_ = commission_ = 0;
}

int SimExchange::newSessionId() {
  std::lock_guard<std::mutex> lock(mutex_);
  // Real session ids are arbitrary ints and often negative; start negative so callers cannot assume otherwise.
  return -1795780178 + 7919 * nextSession_++;
}

int SimExchange::addListener(std::function<void()> onFlow) {
  std::lock_guard<std::mutex> lock(mutex_);
  listeners_[nextListener_] = std::move(onFlow);
  return nextListener_++;
}

void SimExchange::removeListener(int id) {
  std::lock_guard<std::mutex> lock(mutex_);
  listeners_.erase(id);
}

// Listeners are called under the book's lock, so an Api that removes its listener (Release) waits for a
// notification in progress instead of being called after it is gone.
void SimExchange::notify() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& l : listeners_) l.second();
}

SimExchange::Holding& SimExchange::holding(const std::string& instrument, char posiDirection) {
  return holdings_[{instrument, posiDirection}];
}

InsertResult SimExchange::insertOrder(const CThostFtdcInputOrderField& in, int frontId, int sessionId, int requestId) {
  InsertResult result;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const SimInstrument* instrument = findSimInstrument(in.InstrumentID);
    char offset = in.CombOffsetFlag[0];
    if (!instrument) return {16, "CTP:找不到合约"};
    if (in.VolumeTotalOriginal <= 0 || !std::strchr("0134", offset) || !offset) return {15, "CTP:报单字段有误"};
    for (const auto& o : orders_) {
      if (o.field.FrontID == frontId && o.field.SessionID == sessionId && !std::strcmp(o.field.OrderRef, in.OrderRef)) {
        return {22, "CTP:报单错误：不允许重复报单"};
      }
    }
    Order o{};
    o.instrument = instrument;
    CThostFtdcOrderField& f = o.field;
    put(f.BrokerID, in.BrokerID); put(f.InvestorID, in.InvestorID); put(f.UserID, in.UserID);
    put(f.InstrumentID, in.InstrumentID); put(f.ExchangeID, instrument->exchange); put(f.OrderRef, in.OrderRef);
    f.OrderPriceType = in.OrderPriceType; f.Direction = in.Direction; put(f.CombOffsetFlag, in.CombOffsetFlag);
    put(f.CombHedgeFlag, in.CombHedgeFlag); f.LimitPrice = in.LimitPrice; f.VolumeTotalOriginal = in.VolumeTotalOriginal;
    f.TimeCondition = in.TimeCondition; f.VolumeCondition = in.VolumeCondition; f.MinVolume = in.MinVolume;
    f.ContingentCondition = in.ContingentCondition; f.ForceCloseReason = in.ForceCloseReason;
    f.RequestID = requestId; f.FrontID = frontId; f.SessionID = sessionId;
    put(f.TradingDay, tradingDay_.c_str()); put(f.InsertDate, today().c_str()); put(f.InsertTime, clockTime().c_str());
    f.VolumeTotal = in.VolumeTotalOriginal;
    if (offset != THOST_FTDC_OF_Open) {
      result = checkClose(o, offset);
      if (result.errorId) return result;
    }
    std::snprintf(f.OrderLocalID, sizeof f.OrderLocalID, "%12d", int(orders_.size() + 1));
    f.OrderSubmitStatus = THOST_FTDC_OSS_InsertSubmitted;
    f.OrderStatus = THOST_FTDC_OST_Unknown;
    record(o);
    if (const char* why = exchangeRejection(o)) {
      releaseFrozen(o);
      f.OrderSubmitStatus = THOST_FTDC_OSS_InsertRejected;
      f.OrderStatus = THOST_FTDC_OST_Canceled;
      f.VolumeTotal = 0;
      putGbk(f.StatusMsg, why);
      record(o);
    } else {
      std::snprintf(f.OrderSysID, sizeof f.OrderSysID, "%12d", nextSysId_++);
      f.OrderSubmitStatus = THOST_FTDC_OSS_Accepted;
      f.OrderStatus = THOST_FTDC_OST_NoTradeQueueing;
      putGbk(f.StatusMsg, "未成交");
      record(o);
      match(o);
      finishIoc(o);
    }
    orders_.push_back(o);
  }
  notify();
  return result;
}

// Freezes the holding a close order will consume; SHFE/INE keep today and yesterday apart, others close old first.
InsertResult SimExchange::checkClose(Order& o, char offset) {
  Holding& h = holding(o.field.InstrumentID, closedSide(o.field));
  int want = o.field.VolumeTotalOriginal;
  int ydFree = h.yd - h.ydFrozen, todayFree = h.today - h.todayFrozen;
  if (separatesToday(o.instrument)) {
    if (offset == THOST_FTDC_OF_CloseToday) {
      if (todayFree < want) return {50, "CTP:平今仓位不足"};
      o.closeToday = want;
    } else {
      if (ydFree < want) return {51, "CTP:平昨仓位不足"};
      o.closeYd = want;
    }
  } else {
    if (ydFree + todayFree < want) return {30, "CTP:平仓量超过持仓量"};
    o.closeYd = std::min(ydFree, want);
    o.closeToday = want - o.closeYd;
  }
  h.ydFrozen += o.closeYd;
  h.todayFrozen += o.closeToday;
  return {};
}

const char* SimExchange::exchangeRejection(const Order& o) const {
  if (o.field.OrderPriceType != THOST_FTDC_OPT_LimitPrice) return nullptr;
  double reference = o.instrument->reference;
  if (o.field.LimitPrice > reference * 1.1 || o.field.LimitPrice < reference * 0.9) return "报单被拒绝:价格超出涨跌停板";
  double ticks = o.field.LimitPrice / o.instrument->tick;
  if (std::fabs(ticks - std::round(ticks)) > 1e-6) return "报单被拒绝:价格不是最小变动价位的整数倍";
  return nullptr;
}

void SimExchange::record(const Order& o) {
  FlowEvent e{};
  e.isTrade = false;
  e.order = o.field;
  flow_.push_back(e);
}

static bool crosses(const CThostFtdcOrderField& f, double market) {
  if (f.OrderPriceType == THOST_FTDC_OPT_AnyPrice) return true;
  return f.Direction == THOST_FTDC_D_Buy ? f.LimitPrice >= market : f.LimitPrice <= market;
}

// Fills in trades of at most lotPerTrade lots, while the book has liquidity, at the book's price.
void SimExchange::match(Order& o) {
  Book& book = books_[o.field.InstrumentID];
  bool fok = o.field.VolumeCondition == THOST_FTDC_VC_CV;
  if (fok && book.liquidity < o.field.VolumeTotal) return;
  while (o.field.VolumeTotal > 0 && book.liquidity > 0 && crosses(o.field, book.price)) {
    int volume = std::min({o.field.VolumeTotal, lotPerTrade_, book.liquidity});
    book.liquidity -= volume;
    fill(o, volume, book.price);
  }
}

void SimExchange::fill(Order& o, int volume, double price) {
  CThostFtdcOrderField& f = o.field;
  f.VolumeTraded += volume;
  f.VolumeTotal -= volume;
  f.OrderStatus = f.VolumeTotal == 0 ? THOST_FTDC_OST_AllTraded : THOST_FTDC_OST_PartTradedQueueing;
  putGbk(f.StatusMsg, f.VolumeTotal == 0 ? "全部成交" : "部分成交");
  record(o);
  applyTrade(o, volume, price);
  FlowEvent e{};
  e.isTrade = true;
  CThostFtdcTradeField& t = e.trade;
  put(t.BrokerID, f.BrokerID); put(t.InvestorID, f.InvestorID); put(t.UserID, f.UserID);
  put(t.InstrumentID, f.InstrumentID); put(t.ExchangeID, f.ExchangeID); put(t.OrderRef, f.OrderRef);
  put(t.OrderSysID, f.OrderSysID); put(t.OrderLocalID, f.OrderLocalID);
  std::snprintf(t.TradeID, sizeof t.TradeID, "%12d", nextTradeId_++);
  t.Direction = f.Direction; t.OffsetFlag = f.CombOffsetFlag[0]; t.HedgeFlag = f.CombHedgeFlag[0];
  t.Price = price; t.Volume = volume;
  put(t.TradeDate, today().c_str()); put(t.TradeTime, clockTime().c_str()); put(t.TradingDay, tradingDay_.c_str());
  trades_.push_back(t);
  flow_.push_back(e);
}

void SimExchange::applyTrade(Order& o, int volume, double price) {
  double notional = price * volume * o.instrument->multiple;
  commission_ += FEE_PER_LOT * volume;
  if (o.field.CombOffsetFlag[0] == THOST_FTDC_OF_Open) {
    Holding& h = holding(o.field.InstrumentID, openedSide(o.field));
    h.today += volume;
    h.todayCost += notional;
    return;
  }
  Holding& h = holding(o.field.InstrumentID, closedSide(o.field));
  int fromYd = std::min(volume, o.closeYd), fromToday = volume - fromYd;
  double average = (h.ydCost + h.todayCost) / std::max(1, h.yd + h.today);
  double sign = closedSide(o.field) == THOST_FTDC_PD_Long ? 1 : -1;
  closeProfit_ += sign * (notional - average * volume);
  if (h.yd) h.ydCost -= h.ydCost / h.yd * fromYd;
  if (h.today) h.todayCost -= h.todayCost / h.today * fromToday;
  h.yd -= fromYd; h.ydFrozen -= fromYd; o.closeYd -= fromYd;
  h.today -= fromToday; h.todayFrozen -= fromToday; o.closeToday -= fromToday;
}

// IOC (FAK / FOK) orders never rest: whatever did not fill at once is cancelled.
void SimExchange::finishIoc(Order& o) {
  if (o.field.TimeCondition != THOST_FTDC_TC_IOC || o.field.VolumeTotal == 0) return;
  releaseFrozen(o);
  o.field.OrderStatus = THOST_FTDC_OST_Canceled;
  putGbk(o.field.StatusMsg, "已撤单");
  record(o);
}

void SimExchange::releaseFrozen(Order& o) {
  Holding& h = holding(o.field.InstrumentID, closedSide(o.field));
  h.ydFrozen -= o.closeYd;
  h.todayFrozen -= o.closeToday;
  o.closeYd = o.closeToday = 0;
}

InsertResult SimExchange::cancelOrder(const CThostFtdcInputOrderActionField& in) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = std::find_if(orders_.begin(), orders_.end(), [&](const Order& o) {
      bool bySession = o.field.FrontID == in.FrontID && o.field.SessionID == in.SessionID && !std::strcmp(o.field.OrderRef, in.OrderRef);
      bool bySysId = in.OrderSysID[0] && !std::strcmp(o.field.OrderSysID, in.OrderSysID) && !std::strcmp(o.field.ExchangeID, in.ExchangeID);
      return bySession || bySysId;
    });
    if (it == orders_.end()) return {25, "CTP:撤单找不到相应报单"};
    char status = it->field.OrderStatus;
    if (status != THOST_FTDC_OST_NoTradeQueueing && status != THOST_FTDC_OST_PartTradedQueueing) {
      return {26, "CTP:报单已全成交或已撤销，不能再撤"};
    }
    releaseFrozen(*it);
    it->field.OrderStatus = THOST_FTDC_OST_Canceled;
    putGbk(it->field.StatusMsg, "已撤单");
    put(it->field.CancelTime, clockTime().c_str());
    record(*it);
  }
  notify();
  return {};
}

void SimExchange::setPrice(const char* instrument, double price) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    books_[instrument].price = price;
    for (auto& o : orders_) {
      bool resting = o.field.OrderStatus == THOST_FTDC_OST_NoTradeQueueing || o.field.OrderStatus == THOST_FTDC_OST_PartTradedQueueing;
      if (resting && !std::strcmp(o.field.InstrumentID, instrument)) match(o);
    }
  }
  notify();
}

void SimExchange::setLiquidity(const char* instrument, int volume) {
  std::lock_guard<std::mutex> lock(mutex_);
  books_[instrument].liquidity = volume;
}

size_t SimExchange::flowSize() { std::lock_guard<std::mutex> l(mutex_); return flow_.size(); }

std::vector<FlowEvent> SimExchange::flowFrom(size_t sequence) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (sequence >= flow_.size()) return {};
  return std::vector<FlowEvent>(flow_.begin() + long(sequence), flow_.end());
}

std::vector<CThostFtdcOrderField> SimExchange::orders() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<CThostFtdcOrderField> out;
  for (const auto& o : orders_) out.push_back(o.field);
  return out;
}

std::vector<CThostFtdcTradeField> SimExchange::trades() { std::lock_guard<std::mutex> l(mutex_); return trades_; }
