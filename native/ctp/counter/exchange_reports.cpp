// The simulated counter's account and position rows, shaped as a real front reports them.
#include "exchange.h"

#include <cstring>

namespace {
constexpr double START_BALANCE = 10000000.0;
constexpr double MARGIN_RATE = 0.1;
}  // namespace

CThostFtdcTradingAccountField SimExchange::account(const char* brokerId, const char* investorId) {
  std::lock_guard<std::mutex> lock(mutex_);
  CThostFtdcTradingAccountField a{};
  put(a.BrokerID, brokerId);
  put(a.AccountID, investorId);
  put(a.TradingDay, tradingDay_.c_str());
  put(a.CurrencyID, "CNY");
  for (const auto& [key, h] : holdings_) {
    const SimInstrument* i = findSimInstrument(key.first.c_str());
    a.CurrMargin += (h.yd + h.today) * books_[key.first].price * i->multiple * MARGIN_RATE;
  }
  for (const auto& o : orders_) {
    bool active = o.field.OrderStatus == THOST_FTDC_OST_NoTradeQueueing || o.field.OrderStatus == THOST_FTDC_OST_PartTradedQueueing;
    if (active && o.field.CombOffsetFlag[0] == THOST_FTDC_OF_Open) {
      a.FrozenMargin += o.field.VolumeTotal * o.field.LimitPrice * o.instrument->multiple * MARGIN_RATE;
    }
  }
  a.PreBalance = START_BALANCE;
  a.CloseProfit = closeProfit_;
  a.Commission = commission_;
  a.Balance = START_BALANCE + closeProfit_ - commission_;
  a.Available = a.Balance - a.CurrMargin - a.FrozenMargin;
  return a;
}

// SHFE and INE report today's and yesterday's holdings as two rows; other exchanges one row per direction.
std::vector<CThostFtdcInvestorPositionField> SimExchange::positions(const char* brokerId, const char* investorId) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<CThostFtdcInvestorPositionField> rows;
  auto row = [&](const std::string& id, char side, int frozen, char date, int yd, int today, double cost) {
    const SimInstrument* i = findSimInstrument(id.c_str());
    CThostFtdcInvestorPositionField p{};
    put(p.BrokerID, brokerId); put(p.InvestorID, investorId); put(p.InstrumentID, id.c_str());
    put(p.ExchangeID, i->exchange); put(p.TradingDay, tradingDay_.c_str());
    p.PosiDirection = side; p.HedgeFlag = THOST_FTDC_HF_Speculation; p.PositionDate = date;
    p.YdPosition = yd; p.TodayPosition = today; p.Position = yd + today;
    (side == THOST_FTDC_PD_Long ? p.ShortFrozen : p.LongFrozen) = frozen;
    p.PositionCost = cost;
    p.OpenCost = cost;
    p.UseMargin = p.Position * books_[id].price * i->multiple * 0.1;
    p.PositionProfit = (books_[id].price * p.Position * i->multiple - cost) * (side == THOST_FTDC_PD_Long ? 1 : -1);
    rows.push_back(p);
  };
  for (const auto& [key, h] : holdings_) {
    const SimInstrument* i = findSimInstrument(key.first.c_str());
    bool split = !std::strcmp(i->exchange, "SHFE") || !std::strcmp(i->exchange, "INE");
    if (split) {
      if (h.yd) row(key.first, key.second, h.ydFrozen, THOST_FTDC_PSD_History, h.yd, 0, h.ydCost);
      if (h.today) row(key.first, key.second, h.todayFrozen, THOST_FTDC_PSD_Today, 0, h.today, h.todayCost);
    } else if (h.yd + h.today) {
      row(key.first, key.second, h.ydFrozen + h.todayFrozen, THOST_FTDC_PSD_Today, h.yd, h.today, h.ydCost + h.todayCost);
    }
  }
  return rows;
}
