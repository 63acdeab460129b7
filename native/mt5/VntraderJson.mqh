//+------------------------------------------------------------------+
//| VntraderJson.mqh: the little JSON the bridge needs. Requests are  |
//| flat objects (strings and numbers); replies are written directly. |
//| No JSON library is needed besides this file.                      |
//+------------------------------------------------------------------+
#property strict

//--- Escapes a string for a JSON string literal.
string JsonEscape(const string text)
  {
   string out="";
   int length=StringLen(text);
   for(int i=0;i<length;i++)
     {
      ushort c=StringGetCharacter(text,i);
      if(c=='"')
         StringAdd(out,"\\\"");
      else if(c=='\\')
         StringAdd(out,"\\\\");
      else if(c=='\n')
         StringAdd(out,"\\n");
      else if(c=='\r')
         StringAdd(out,"\\r");
      else if(c=='\t')
         StringAdd(out,"\\t");
      else if(c<0x20)
         StringAdd(out,StringFormat("\\u%04x",c));
      else
         StringAdd(out,ShortToString(c));
     }
   return out;
  }

//--- A number without trailing zeros; NaN and infinities (never valid JSON) become 0.
string JsonNumber(const double value,const int digits=8)
  {
   if(!MathIsValidNumber(value))
      return "0";
   string text=DoubleToString(value,digits);
   if(StringFind(text,".")<0)
      return text;
   int end=StringLen(text);
   while(end>0 && StringGetCharacter(text,end-1)=='0')
      end--;
   if(end>0 && StringGetCharacter(text,end-1)=='.')
      end--;
   return StringSubstr(text,0,end);
  }

string JStr(const string key,const string value) { return "\""+key+"\":\""+JsonEscape(value)+"\""; }
string JInt(const string key,const long value)   { return "\""+key+"\":"+IntegerToString(value); }
string JNum(const string key,const double value) { return "\""+key+"\":"+JsonNumber(value); }
string JBool(const string key,const bool value)  { return "\""+key+"\":"+(value ? "true" : "false"); }

//--- The error reply our EA sends for anything it cannot serve (vn.py's EA sends an empty string).
string ErrorReply(const string message)
  {
   return "{\"type\":\"error\","+JStr("message",message)+"}";
  }

int JsonSkipSpaces(const string json,int i)
  {
   int length=StringLen(json);
   while(i<length)
     {
      ushort c=StringGetCharacter(json,i);
      if(c!=' ' && c!='\t' && c!='\r' && c!='\n')
         break;
      i++;
     }
   return i;
  }

//--- Four hex digits as a number, or -1 (StringToInteger does not read hex).
int JsonHex(const string digits)
  {
   int code=0;
   for(int k=0;k<StringLen(digits);k++)
     {
      ushort c=StringGetCharacter(digits,k);
      int v=(c>='0' && c<='9') ? c-'0' : (c>='a' && c<='f') ? c-'a'+10 : (c>='A' && c<='F') ? c-'A'+10 : -1;
      if(v<0)
         return -1;
      code=code*16+v;
     }
   return code;
  }

//--- Reads a string literal starting at the opening quote; i ends after the closing quote.
bool JsonReadString(const string json,int &i,string &value)
  {
   int length=StringLen(json);
   if(i>=length || StringGetCharacter(json,i)!='"')
      return false;
   value="";
   for(i++;i<length;i++)
     {
      ushort c=StringGetCharacter(json,i);
      if(c=='"')
        {
         i++;
         return true;
        }
      if(c!='\\')
        {
         StringAdd(value,ShortToString(c));
         continue;
        }
      if(++i>=length)
         return false;
      ushort e=StringGetCharacter(json,i);
      if(e=='n')
         StringAdd(value,"\n");
      else if(e=='t')
         StringAdd(value,"\t");
      else if(e=='r')
         StringAdd(value,"\r");
      else if(e=='b' || e=='f')
         continue;
      else if(e=='u')
        {
         if(i+4>=length)
            return false;
         int code=JsonHex(StringSubstr(json,i+1,4));
         if(code<0)
            return false;
         StringAdd(value,ShortToString((ushort)code));
         i+=4;
        }
      else
         StringAdd(value,ShortToString(e));   // \" \\ \/
     }
   return false;
  }

//--- Reads a number, true, false or null up to the next ',' or '}'.
bool JsonReadLiteral(const string json,int &i,string &value)
  {
   int length=StringLen(json);
   int start=i;
   while(i<length)
     {
      ushort c=StringGetCharacter(json,i);
      if(c==',' || c=='}' || c==' ' || c=='\t' || c=='\r' || c=='\n')
         break;
      if(c=='{' || c=='[' || c=='"')
         return false;   // nested values are not part of this protocol's requests
      i++;
     }
   value=StringSubstr(json,start,i-start);
   return i>start;
  }

//--- Parses {"key": value, ...} with string or literal values into parallel arrays.
bool JsonParseFlat(const string json,string &keys[],string &values[])
  {
   ArrayResize(keys,0);
   ArrayResize(values,0);
   int length=StringLen(json);
   int i=JsonSkipSpaces(json,0);
   if(i>=length || StringGetCharacter(json,i)!='{')
      return false;
   i=JsonSkipSpaces(json,i+1);
   if(i<length && StringGetCharacter(json,i)=='}')
      return true;
   while(i<length)
     {
      string key,value;
      if(!JsonReadString(json,i,key))
         return false;
      i=JsonSkipSpaces(json,i);
      if(i>=length || StringGetCharacter(json,i)!=':')
         return false;
      i=JsonSkipSpaces(json,i+1);
      bool ok=(i<length && StringGetCharacter(json,i)=='"') ? JsonReadString(json,i,value) : JsonReadLiteral(json,i,value);
      if(!ok)
         return false;
      int n=ArraySize(keys);
      ArrayResize(keys,n+1);
      ArrayResize(values,n+1);
      keys[n]=key;
      values[n]=value;
      i=JsonSkipSpaces(json,i);
      if(i>=length)
         return false;
      ushort c=StringGetCharacter(json,i);
      if(c=='}')
         return true;
      if(c!=',')
         return false;
      i=JsonSkipSpaces(json,i+1);
     }
   return false;
  }

//--- The value of a key, as text; false when the request does not have it.
bool JsonGet(const string &keys[],const string &values[],const string key,string &value)
  {
   for(int i=0;i<ArraySize(keys);i++)
     {
      if(keys[i]==key)
        {
         value=values[i];
         return true;
        }
     }
   return false;
  }
//+------------------------------------------------------------------+
