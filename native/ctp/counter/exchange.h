// The simulated counter's process-wide book: orders, matching, positions, account, and the private flow.
#pragma once
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "instruments.h"

// One entry of the private flow (what OnRtnOrder / OnRtnTrade deliver), in the order it happened.
struct FlowEvent {
  bool isTrade;
  CThostFtdcOrderField order;
  CThostFtdcTradeField trade;
};

struct InsertResult {
  int errorId = 0;            // CTP-side rejection (OnRspOrderInsert + OnErrRtnOrderInsert) when non-zero
  std::string errorMsg;
};

class SimExchange {
public:
  static SimExchange& instance();

  void reset();
  int newSessionId();
  std::string tradingDay() const { return tradingDay_; }

  int addListener(std::function<void()> onFlow);
  void removeListener(int id);

  InsertResult insertOrder(const CThostFtdcInputOrderField& in, int frontId, int sessionId, int requestId);
  InsertResult cancelOrder(const CThostFtdcInputOrderActionField& in);
  void setPrice(const char* instrument, double price);
  void setLiquidity(const char* instrument, int volume);
  void setLotPerTrade(int lots) { std::lock_guard<std::mutex> l(mutex_); lotPerTrade_ = lots > 0 ? lots : 1; }

  size_t flowSize();
  std::vector<FlowEvent> flowFrom(size_t sequence);
  std::vector<CThostFtdcOrderField> orders();
  std::vector<CThostFtdcTradeField> trades();
  CThostFtdcTradingAccountField account(const char* brokerId, const char* investorId);
  std::vector<CThostFtdcInvestorPositionField> positions(const char* brokerId, const char* investorId);

private:
  struct Holding { int yd = 0, today = 0, ydFrozen = 0, todayFrozen = 0; double ydCost = 0, todayCost = 0; };
  struct Order {
    CThostFtdcOrderField field;
    const SimInstrument* instrument;
    int closeYd = 0, closeToday = 0;  // frozen position this close order will consume, yesterday's first
  };
  struct Book { double price; int liquidity; };

  SimExchange() { reset(); }
  Holding& holding(const std::string& instrument, char posiDirection);
  InsertResult checkClose(Order& o, char offset);
  const char* exchangeRejection(const Order& o) const;
  void record(const Order& o);
  void match(Order& o);
  void fill(Order& o, int volume, double price);
  void applyTrade(Order& o, int volume, double price);
  void finishIoc(Order& o);
  void releaseFrozen(Order& o);
  void notify();

  std::mutex mutex_;
  std::string tradingDay_;
  std::map<std::string, Book> books_;
  std::map<std::pair<std::string, char>, Holding> holdings_;
  std::vector<Order> orders_;
  std::vector<FlowEvent> flow_;
  std::vector<CThostFtdcTradeField> trades_;
  std::map<int, std::function<void()>> listeners_;
  int nextListener_ = 1, nextSession_ = 0, nextSysId_ = 1, nextTradeId_ = 1, lotPerTrade_ = 2;
  double closeProfit_ = 0, commission_ = 0;
};
