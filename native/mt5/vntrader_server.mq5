//+------------------------------------------------------------------+
//| vntrader_server.mq5: serves vn.py's MT5 bridge protocol over     |
//| ZeroMQ for vntrader-kernel (and vn.py): REP for requests, PUB    |
//| for price/account/position every 100 ms and trade transactions.  |
//| Differences from vn.py's vnpy_server, all compatible additions:  |
//|  - every request gets a reply; one it cannot serve gets          |
//|    {"type":"error","message":...} (vn.py's sends "", which       |
//|    breaks the client's JSON decode),                             |
//|  - history serves every timeframe M1..MN1 and each bar carries   |
//|    "timestamp" (server-time epoch seconds) and "tick_volume",    |
//|  - contracts carry description, calc_mode and max_lot,           |
//|  - prices carry "time" (SYMBOL_TIME, server-time epoch seconds), |
//|  - order fields of a transaction come from history when the      |
//|    order has already left the active list.                       |
//| Written without a compiler at hand: see README.md.               |
//+------------------------------------------------------------------+
#property copyright "vntrader-kernel contributors"
#property version   "1.00"
#property description "vn.py MT5 bridge protocol server (REP + PUB over ZeroMQ) for vntrader-kernel"

#include <Zmq/Zmq.mqh>
#include "VntraderJson.mqh"

input string HOSTNAME="*";              // Address to bind ("*" = all interfaces, "127.0.0.1" = this PC only)
input int    REP_PORT=6888;             // Request port (the client's 请求端口)
input int    PUB_PORT=8666;             // Publish port (the client's 订阅端口)
input int    MILLISECOND_TIMER=10;      // How often to look for a request
input int    PUBLISH_INTERVAL_MS=100;   // How often to publish price, account and positions
input int    MAX_REQUESTS_PER_TIMER=8;  // Requests served per timer event
input ulong  MAGIC_NUMBER=0;            // Magic number stamped on orders
input ulong  DEVIATION_POINTS=20;       // Allowed slippage for market orders, in points

#define FUNCTION_QUERYCONTRACT 0
#define FUNCTION_QUERYORDER    1
#define FUNCTION_QUERYHISTORY  2
#define FUNCTION_SUBSCRIBE     3
#define FUNCTION_SENDORDER     4
#define FUNCTION_CANCELORDER   5

Context g_context("vntrader_server");
Socket  g_rep(g_context,ZMQ_REP);
Socket  g_pub(g_context,ZMQ_PUB);
string  g_rep_address="";
string  g_pub_address="";
string  g_subscribed[];
ulong   g_last_publish=0;

//+------------------------------------------------------------------+
int OnInit()
  {
   g_rep.setLinger(0);
   g_pub.setLinger(0);
   g_rep_address=StringFormat("tcp://%s:%d",HOSTNAME,REP_PORT);
   g_pub_address=StringFormat("tcp://%s:%d",HOSTNAME,PUB_PORT);
   if(!g_rep.bind(g_rep_address))
     {
      PrintFormat("vntrader_server: cannot bind %s: is the port used by another program or another copy of this EA?",g_rep_address);
      return INIT_FAILED;
     }
   if(!g_pub.bind(g_pub_address))
     {
      PrintFormat("vntrader_server: cannot bind %s: is the port used by another program or another copy of this EA?",g_pub_address);
      g_rep.unbind(g_rep_address);
      return INIT_FAILED;
     }
   if(!EventSetMillisecondTimer(MILLISECOND_TIMER))
     {
      Print("vntrader_server: cannot start the timer");
      return INIT_FAILED;
     }
   PrintFormat("vntrader_server: serving requests on %s, publishing on %s",g_rep_address,g_pub_address);
   return INIT_SUCCEEDED;
  }

//--- Unbinds so a re-initialisation (timeframe change, new inputs) can bind again.
void OnDeinit(const int reason)
  {
   EventKillTimer();
   g_rep.unbind(g_rep_address);
   g_pub.unbind(g_pub_address);
  }

void OnTimer()
  {
   ServeRequests();
   ulong now=GetTickCount64();
   if(now-g_last_publish>=(ulong)PUBLISH_INTERVAL_MS)
     {
      g_last_publish=now;
      Publish(PriceMessage());
      Publish(AccountMessage());
      Publish(PositionMessage());
     }
  }

//--- REP lockstep: every request received is answered before the next receive.
void ServeRequests()
  {
   for(int n=0;n<MAX_REQUESTS_PER_TIMER;n++)
     {
      ZmqMsg request;
      if(!g_rep.recv(request,true))
         return;                               // nothing waiting
      string reply=Dispatch(request.getData());
      ZmqMsg message(reply);
      if(!g_rep.send(message))
         Print("vntrader_server: a reply could not be sent");
     }
  }

void Publish(const string text)
  {
   ZmqMsg message(text);
   g_pub.send(message,true);                   // never block the terminal on a slow subscriber
  }

string Dispatch(const string text)
  {
   string keys[],values[];
   if(!JsonParseFlat(text,keys,values))
      return ErrorReply("the request is not a flat JSON object: "+StringSubstr(text,0,80));
   string type_text;
   if(!JsonGet(keys,values,"type",type_text))
      return ErrorReply("the request has no \"type\"");
   long type=StringToInteger(type_text);
   if(type==FUNCTION_QUERYCONTRACT) return QueryContracts();
   if(type==FUNCTION_QUERYORDER)    return QueryOrders();
   if(type==FUNCTION_QUERYHISTORY)  return QueryHistory(keys,values);
   if(type==FUNCTION_SUBSCRIBE)     return Subscribe(keys,values);
   if(type==FUNCTION_SENDORDER)     return SendOrder(keys,values);
   if(type==FUNCTION_CANCELORDER)   return CancelOrder(keys,values);
   return ErrorReply("unknown request type "+type_text+"; this EA serves 0 to 5");
  }

//+------------------------------------------------------------------+
//| Requests                                                          |
//+------------------------------------------------------------------+
//--- Every symbol the server offers; like vn.py's EA the reply has no "type".
string QueryContracts()
  {
   string out="{\"data\":[";
   int total=SymbolsTotal(false);
   for(int i=0;i<total;i++)
     {
      string symbol=SymbolName(i,false);
      if(i>0)
         StringAdd(out,",");
      StringAdd(out,"{"+JStr("symbol",symbol)
                +","+JInt("digits",SymbolInfoInteger(symbol,SYMBOL_DIGITS))
                +","+JNum("lot_size",SymbolInfoDouble(symbol,SYMBOL_TRADE_CONTRACT_SIZE))
                +","+JNum("min_lot",SymbolInfoDouble(symbol,SYMBOL_VOLUME_MIN))
                +","+JNum("max_lot",SymbolInfoDouble(symbol,SYMBOL_VOLUME_MAX))
                +","+JInt("calc_mode",SymbolInfoInteger(symbol,SYMBOL_TRADE_CALC_MODE))
                +","+JStr("description",SymbolInfoString(symbol,SYMBOL_DESCRIPTION))+"}");
     }
   StringAdd(out,"]}");
   return out;
  }

string QueryOrders()
  {
   string out="{\"type\":\"order\",\"data\":[";
   int total=OrdersTotal();
   bool first=true;
   for(int i=0;i<total;i++)
     {
      ulong ticket=OrderGetTicket(i);          // also selects the order
      if(ticket==0)
         continue;
      if(!first)
         StringAdd(out,",");
      first=false;
      StringAdd(out,"{"+JStr("symbol",OrderGetString(ORDER_SYMBOL))
                +","+JInt("order",(long)ticket)
                +","+JInt("order_type",OrderGetInteger(ORDER_TYPE))
                +","+JInt("order_state",OrderGetInteger(ORDER_STATE))
                +","+JNum("order_price",OrderGetDouble(ORDER_PRICE_OPEN))
                +","+JNum("order_volume_initial",OrderGetDouble(ORDER_VOLUME_INITIAL))
                +","+JNum("order_volume_current",OrderGetDouble(ORDER_VOLUME_CURRENT))
                +","+JStr("order_comment",OrderGetString(ORDER_COMMENT))
                +","+JInt("order_time_setup",OrderGetInteger(ORDER_TIME_SETUP))+"}");
     }
   StringAdd(out,"]}");
   return out;
  }

//--- ENUM_TIMEFRAMES from the request's integer; false for anything MT5 does not chart.
bool TimeframeOf(const long code,ENUM_TIMEFRAMES &timeframe)
  {
   ENUM_TIMEFRAMES all[]={PERIOD_M1,PERIOD_M2,PERIOD_M3,PERIOD_M4,PERIOD_M5,PERIOD_M6,PERIOD_M10,PERIOD_M12,
                          PERIOD_M15,PERIOD_M20,PERIOD_M30,PERIOD_H1,PERIOD_H2,PERIOD_H3,PERIOD_H4,PERIOD_H6,
                          PERIOD_H8,PERIOD_H12,PERIOD_D1,PERIOD_W1,PERIOD_MN1};
   for(int i=0;i<ArraySize(all);i++)
     {
      if((long)all[i]==code)
        {
         timeframe=all[i];
         return true;
        }
     }
   return false;
  }

//--- Bars with open time in [start_time, end_time], both server time "YYYY.MM.DD HH:MM:SS".
string QueryHistory(const string &keys[],const string &values[])
  {
   string symbol,interval_text,start_text,end_text;
   if(!JsonGet(keys,values,"symbol",symbol) || !JsonGet(keys,values,"interval",interval_text)
      || !JsonGet(keys,values,"start_time",start_text) || !JsonGet(keys,values,"end_time",end_text))
      return ErrorReply("history needs symbol, interval, start_time and end_time");
   ENUM_TIMEFRAMES timeframe;
   if(!TimeframeOf(StringToInteger(interval_text),timeframe))
      return ErrorReply("interval "+interval_text+" is not an ENUM_TIMEFRAMES value (M1=1 .. MN1=49153)");
   if(!SymbolSelect(symbol,true))
      return ErrorReply("the server has no symbol "+symbol);
   datetime start=StringToTime(start_text);
   datetime stop=StringToTime(end_text);
   MqlRates rates[];
   ResetLastError();
   int count=CopyRates(symbol,timeframe,start,stop,rates);
   if(count<=0)
      return "{\"type\":\"history\",\"result\":-1,"+JStr("message",StringFormat("CopyRates returned %d (error %d): no bars in this range, or the terminal is still downloading them",count,GetLastError()))+"}";
   string out="{\"type\":\"history\",\"result\":1,\"data\":[";
   for(int i=0;i<count;i++)
     {
      if(i>0)
         StringAdd(out,",");
      StringAdd(out,"{"+JStr("time",TimeToString(rates[i].time))
                +","+JInt("timestamp",(long)rates[i].time)
                +","+JNum("open",rates[i].open)
                +","+JNum("high",rates[i].high)
                +","+JNum("low",rates[i].low)
                +","+JNum("close",rates[i].close)
                +","+JInt("tick_volume",rates[i].tick_volume)
                +","+JInt("real_volume",rates[i].real_volume)+"}");
     }
   StringAdd(out,"]}");
   return out;
  }

string Subscribe(const string &keys[],const string &values[])
  {
   string symbol;
   if(!JsonGet(keys,values,"symbol",symbol))
      return ErrorReply("subscribe needs symbol");
   bool added=false;
   if(SymbolSelect(symbol,true) && !IsSubscribed(symbol))
     {
      int n=ArraySize(g_subscribed);
      ArrayResize(g_subscribed,n+1);
      g_subscribed[n]=symbol;
      added=true;
     }
   return "{\"type\":\"subscribe\",\"data\":{"+JBool("new_symbol",added)+"}}";
  }

bool IsSubscribed(const string symbol)
  {
   for(int i=0;i<ArraySize(g_subscribed);i++)
      if(g_subscribed[i]==symbol)
         return true;
   return false;
  }

//--- Market orders fill FOK or IOC as the symbol allows; pending orders rest (RETURN).
ENUM_ORDER_TYPE_FILLING FillingFor(const string symbol,const long cmd)
  {
   if(cmd>1)
      return ORDER_FILLING_RETURN;
   long modes=SymbolInfoInteger(symbol,SYMBOL_FILLING_MODE);
   if((modes&SYMBOL_FILLING_FOK)!=0)
      return ORDER_FILLING_FOK;
   if((modes&SYMBOL_FILLING_IOC)!=0)
      return ORDER_FILLING_IOC;
   return ORDER_FILLING_RETURN;
  }

string SendReply(const bool sent,const uint retcode,const string comment)
  {
   return "{\"type\":\"send\",\"data\":{"+JBool("result",sent)+","+JInt("retcode",retcode)+","+JStr("comment",comment)+"}}";
  }

//--- OrderSendAsync: the verdict comes later as a TRADE_TRANSACTION_REQUEST publication.
string SendOrder(const string &keys[],const string &values[])
  {
   string symbol,cmd_text,price_text,volume_text,comment;
   if(!JsonGet(keys,values,"symbol",symbol) || !JsonGet(keys,values,"cmd",cmd_text)
      || !JsonGet(keys,values,"price",price_text) || !JsonGet(keys,values,"volume",volume_text))
      return SendReply(false,TRADE_RETCODE_INVALID,"send needs symbol, cmd, price and volume");
   JsonGet(keys,values,"comment",comment);
   long cmd=StringToInteger(cmd_text);
   if(cmd<0 || cmd>5)
      return SendReply(false,TRADE_RETCODE_INVALID,"cmd must be 0 to 5 (BUY, SELL, BUY_LIMIT, SELL_LIMIT, BUY_STOP, SELL_STOP)");
   int digits=(int)SymbolInfoInteger(symbol,SYMBOL_DIGITS);
   double price=StringToDouble(price_text);
   if(cmd<=1 && price<=0)
      price=(cmd==0) ? SymbolInfoDouble(symbol,SYMBOL_ASK) : SymbolInfoDouble(symbol,SYMBOL_BID);
   MqlTradeRequest request;
   MqlTradeResult result;
   ZeroMemory(request);
   ZeroMemory(result);
   request.action=(cmd<=1) ? TRADE_ACTION_DEAL : TRADE_ACTION_PENDING;
   request.symbol=symbol;
   request.volume=StringToDouble(volume_text);
   request.type=(ENUM_ORDER_TYPE)cmd;
   request.price=NormalizeDouble(price,digits);
   request.deviation=DEVIATION_POINTS;
   request.magic=MAGIC_NUMBER;
   request.comment=comment;
   request.type_filling=FillingFor(symbol,cmd);
   request.type_time=ORDER_TIME_GTC;
   bool sent=OrderSendAsync(request,result);
   return SendReply(sent,result.retcode,result.comment);
  }

string CancelOrder(const string &keys[],const string &values[])
  {
   string ticket_text;
   bool sent=false;
   if(JsonGet(keys,values,"ticket",ticket_text))
     {
      MqlTradeRequest request;
      MqlTradeResult result;
      ZeroMemory(request);
      ZeroMemory(result);
      request.action=TRADE_ACTION_REMOVE;
      request.order=(ulong)StringToInteger(ticket_text);
      sent=OrderSendAsync(request,result);
     }
   return "{\"type\":\"cancel\",\"data\":{"+JBool("result",sent)+"}}";
  }

//+------------------------------------------------------------------+
//| Publications                                                      |
//+------------------------------------------------------------------+
string PriceMessage()
  {
   string out="{\"type\":\"price\",\"data\":[";
   bool first=true;
   for(int i=0;i<ArraySize(g_subscribed);i++)
     {
      string symbol=g_subscribed[i];
      MqlTick tick;
      if(!SymbolInfoTick(symbol,tick))
         continue;
      if(!first)
         StringAdd(out,",");
      first=false;
      StringAdd(out,"{"+JStr("symbol",symbol)
                +","+JNum("bid_high",SymbolInfoDouble(symbol,SYMBOL_BIDHIGH))
                +","+JNum("ask_high",SymbolInfoDouble(symbol,SYMBOL_ASKHIGH))
                +","+JNum("last_high",SymbolInfoDouble(symbol,SYMBOL_LASTHIGH))
                +","+JNum("ask_low",SymbolInfoDouble(symbol,SYMBOL_ASKLOW))
                +","+JNum("bid_low",SymbolInfoDouble(symbol,SYMBOL_BIDLOW))
                +","+JNum("last_low",SymbolInfoDouble(symbol,SYMBOL_LASTLOW))
                +","+JInt("time",(long)tick.time)
                +","+JNum("last",tick.last)
                +","+JNum("bid",tick.bid)
                +","+JNum("ask",tick.ask)
                +","+JNum("last_volume",tick.volume_real)+"}");
     }
   StringAdd(out,"]}");
   return out;
  }

//--- "name" carries the login: vn.py uses it as the account id, and a login identifies the account.
string AccountMessage()
  {
   return "{\"type\":\"account\",\"data\":{"+JInt("name",AccountInfoInteger(ACCOUNT_LOGIN))
          +","+JNum("balance",AccountInfoDouble(ACCOUNT_BALANCE))
          +","+JNum("margin",AccountInfoDouble(ACCOUNT_MARGIN))
          +","+JNum("free_margin",AccountInfoDouble(ACCOUNT_MARGIN_FREE))
          +","+JNum("profit",AccountInfoDouble(ACCOUNT_PROFIT))
          +","+JStr("currency",AccountInfoString(ACCOUNT_CURRENCY))
          +","+JStr("company",AccountInfoString(ACCOUNT_COMPANY))+"}}";
  }

//--- Netting accounts hold one position per symbol (vn.py supports netting accounts only).
string PositionMessage()
  {
   string out="{\"type\":\"position\",\"data\":[";
   int total=PositionsTotal();
   bool first=true;
   for(int i=0;i<total;i++)
     {
      string symbol=PositionGetSymbol(i);      // also selects the position
      if(symbol=="")
         continue;
      if(!first)
         StringAdd(out,",");
      first=false;
      StringAdd(out,"{"+JNum("price",PositionGetDouble(POSITION_PRICE_OPEN))
                +","+JInt("type",PositionGetInteger(POSITION_TYPE))
                +","+JStr("symbol",symbol)
                +","+JNum("volume",PositionGetDouble(POSITION_VOLUME))
                +","+JNum("current_profit",PositionGetDouble(POSITION_PROFIT))+"}");
     }
   StringAdd(out,"]}");
   return out;
  }

//--- The order's own fields: from the active list, else from history (it may have just filled).
string OrderFields(const MqlTradeTransaction &trans)
  {
   ulong ticket=trans.order;
   if(ticket>0 && OrderSelect(ticket))
      return JInt("order_type",OrderGetInteger(ORDER_TYPE))
             +","+JInt("order_state",OrderGetInteger(ORDER_STATE))
             +","+JNum("order_price",OrderGetDouble(ORDER_PRICE_OPEN))
             +","+JNum("order_volume_initial",OrderGetDouble(ORDER_VOLUME_INITIAL))
             +","+JNum("order_volume_current",OrderGetDouble(ORDER_VOLUME_CURRENT))
             +","+JStr("order_comment",OrderGetString(ORDER_COMMENT))
             +","+JInt("order_time_setup",OrderGetInteger(ORDER_TIME_SETUP));
   if(ticket>0 && HistoryOrderSelect(ticket))
      return JInt("order_type",HistoryOrderGetInteger(ticket,ORDER_TYPE))
             +","+JInt("order_state",HistoryOrderGetInteger(ticket,ORDER_STATE))
             +","+JNum("order_price",HistoryOrderGetDouble(ticket,ORDER_PRICE_OPEN))
             +","+JNum("order_volume_initial",HistoryOrderGetDouble(ticket,ORDER_VOLUME_INITIAL))
             +","+JNum("order_volume_current",HistoryOrderGetDouble(ticket,ORDER_VOLUME_CURRENT))
             +","+JStr("order_comment",HistoryOrderGetString(ticket,ORDER_COMMENT))
             +","+JInt("order_time_setup",HistoryOrderGetInteger(ticket,ORDER_TIME_SETUP));
   return JInt("order_type",(long)trans.order_type)+","+JInt("order_state",(long)trans.order_state)
          +","+JNum("order_price",trans.price)+","+JNum("order_volume_initial",trans.volume)
          +","+JNum("order_volume_current",0)+","+JStr("order_comment","")+","+JInt("order_time_setup",0);
  }

void OnTradeTransaction(const MqlTradeTransaction &trans,const MqlTradeRequest &request,const MqlTradeResult &result)
  {
   string data="{"+JStr("symbol",trans.symbol)
               +","+JInt("deal",(long)trans.deal)
               +","+JInt("order",(long)trans.order)
               +","+JInt("trans_type",(long)trans.type)
               +","+JInt("deal_type",(long)trans.deal_type)
               +","+JNum("trans_price",trans.price)
               +","+JNum("trans_volume",trans.volume)
               +","+JInt("trans_state",(long)trans.order_state)
               +","+OrderFields(trans)
               +","+JInt("result_deal",(long)result.deal)
               +","+JInt("result_order",(long)result.order)
               +","+JNum("result_volume",result.volume)
               +","+JNum("result_price",result.price)
               +","+JInt("result_retcode",result.retcode)
               +","+JStr("result_comment",result.comment)
               +","+JInt("request_action",(long)request.action)
               +","+JInt("request_type",(long)request.type)
               +","+JStr("request_comment",request.comment)+"}";
   Publish("{\"type\":\"order\",\"data\":"+data+"}");
  }
//+------------------------------------------------------------------+
