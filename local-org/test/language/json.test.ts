// JSON through the interpreter. Sources: Apex Reference, "JSON Class" (serialize and its
// suppressApexObjectNulls argument; the Datetime example '"2011-03-22T08:15:18.000Z"'; deserialize ignores
// attributes the type does not have when deserializing into an Apex class; deserializeStrict fails on them;
// the deserializeUntyped example: numbers come back as Integer and Decimal), Apex Developer Guide, "JSON
// Support" (transient fields are not serialized), "JSON Generator" (the pretty-print format:
// `"abc" : 1.21`, `"aaa" : [ 1, 2, 3 ]`).
import { describe, test } from 'node:test';
import { expectDebug, expectThrows } from './helpers';

const ORDER = `LangJson.Order o = new LangJson.Order();
    o.name = 'A'; o.quantity = 2; o.price = 10.50;
    o.due = Date.newInstance(2024, 3, 9); o.placed = Datetime.newInstanceGmt(2024, 3, 9, 8, 5, 1);
    o.rush = false; o.secret = 's'; o.season = LangSeason.FALL;
    LangJson.Line line = new LangJson.Line(); line.sku = 'X'; line.units = 3000000000L;
    o.lines = new List<LangJson.Line>{ line };
    o.counts = new Map<String, Integer>{ 'k' => 1 };`;

describe('JSON.serialize (JSON Class)', () => {
    test('an object: fields in declaration order, transient skipped, Decimals keep their digits, ISO dates', () => {
        expectDebug(`${ORDER} System.debug(JSON.serialize(o));`, [
            '{"name":"A","quantity":2,"price":10.50,"due":"2024-03-09","placed":"2024-03-09T08:05:01.000Z",' +
                '"rush":false,"lines":[{"sku":"X","units":3000000000}],"counts":{"k":1},"season":"FALL","notes":null}'
        ]);
    });

    test('suppressApexObjectNulls leaves out null fields', () => {
        expectDebug(
            `LangJson.Line line = new LangJson.Line(); line.sku = 'X'; System.debug(JSON.serialize(line, true));`,
            ['{"sku":"X"}']
        );
    });

    test('fields and properties of the class and its superclass are all written', () => {
        expectDebug(
            `Map<String, Object> m = (Map<String, Object>) JSON.deserializeUntyped(JSON.serialize(new LangJson.Derived()));
             System.debug(m.get('baseField') + ' ' + m.get('ownField') + ' ' + m.containsKey('auto') + ' ' + m.size());`,
            ['b d true 3']
        );
    });

    test('numbers, strings, null, maps and lists', () => {
        expectDebug(
            `System.debug(JSON.serialize(1.0) + ' ' + JSON.serialize(100) + ' ' + JSON.serialize(2.5d) + ' ' + JSON.serialize(null));
             System.debug(JSON.serialize('he said "hi"\\n'));
             System.debug(JSON.serialize(new Map<String, Object>{ 'a' => 1.50, 'b' => null, 'c' => new List<Object>{ 1, 'x', true } }));`,
            ['1.0 100 2.5 null', '"he said \\"hi\\"\\n"', '{"a":1.50,"b":null,"c":[1,"x",true]}']
        );
    });

    test('map keys keep their order even when they look like numbers', () => {
        expectDebug(`System.debug(JSON.serialize(new Map<String, Integer>{ 'b' => 1, '10' => 2 }));`, [
            '{"b":1,"10":2}'
        ]);
    });

    test('the Datetime example of the Reference', () => {
        expectDebug(
            `Datetime dt = Datetime.newInstanceGmt(2011, 3, 22, 8, 15, 18);
             System.debug(JSON.serialize(dt));`,
            ['"2011-03-22T08:15:18.000Z"']
        );
    });

    test('an sObject is written with its attributes: type, and url once it has an Id', () => {
        expectDebug(
            `System.debug(JSON.serialize(new Account(Name = 'Acme')));
             Account acc = new Account(Name = 'Acme');
             insert acc;
             System.debug(JSON.serialize([SELECT Id, Name FROM Account WHERE Id = :acc.Id]).replace(acc.Id, 'ID'));`,
            [
                '{"attributes":{"type":"Account"},"Name":"Acme"}',
                '[{"attributes":{"type":"Account","url":"/services/data/v65.0/sobjects/Account/ID"},"Id":"ID","Name":"Acme"}]'
            ],
            { asTest: true }
        );
    });

    test('serializePretty indents objects by two spaces and keeps arrays on one line', () => {
        expectDebug(
            `System.debug(JSON.serializePretty(new Map<String, Object>{
                 'abc' => 1.21, 'aaa' => new List<Integer>{ 1, 2, 3 }, 'o' => new Map<String, Object>{ 'x' => null },
                 'e' => new List<Object>() }));`,
            ['{\n  "abc" : 1.21,\n  "aaa" : [ 1, 2, 3 ],\n  "o" : {\n    "x" : null\n  },\n  "e" : [ ]\n}']
        );
    });
});

describe('JSON.deserialize and deserializeStrict (JSON Class)', () => {
    test('into a class: nested lists, maps, dates, enums; unknown attributes are ignored', () => {
        expectDebug(
            `LangJson.Order back = (LangJson.Order) JSON.deserialize(
                 '{"name":"B","quantity":3,"price":1.10,"due":"2024-03-09","placed":"2024-03-09T08:05:01.000Z",'
                 + '"lines":[{"sku":"Y","units":5}],"counts":{"z":9},"season":"SPRING","unknown":1}', LangJson.Order.class);
             System.debug(back.name + ' ' + back.quantity + ' ' + back.price + ' ' + String.valueOf(back.due));
             System.debug(back.placed.getTime() + ' ' + back.lines[0].units + ' ' + (back.lines[0].units instanceof Long));
             System.debug(back.counts.get('z') + ' ' + back.season + ' ' + back.notes);`,
            ['B 3 1.10 2024-03-09', '1709971501000 5 true', '9 SPRING null']
        );
    });

    test('round trip of a serialized object', () => {
        expectDebug(
            `${ORDER}
             LangJson.Order back = (LangJson.Order) JSON.deserialize(JSON.serialize(o), LangJson.Order.class);
             System.debug(back.price + ' ' + back.lines[0].units + ' ' + back.secret + ' ' + (back.due == o.due));`,
            ['10.50 3000000000 null true']
        );
    });

    test('into typed collections and an sObject', () => {
        expectDebug(
            `List<Integer> li = (List<Integer>) JSON.deserialize('[1,2,3]', List<Integer>.class);
             Map<String, Decimal> md = (Map<String, Decimal>) JSON.deserialize('{"a":1.5}', Map<String, Decimal>.class);
             Account a = (Account) JSON.deserialize('{"attributes":{"type":"Account"},"Name":"Z"}', Account.class);
             System.debug(li + ' ' + md.get('a') + ' ' + a.Name);`,
            ['(1, 2, 3) 1.5 Z']
        );
    });

    test('deserializeStrict refuses an attribute the class does not have', () => {
        expectThrows(
            `Object o = JSON.deserializeStrict('{"name":"B","bogus":1}', LangJson.Order.class);`,
            'System.JSONException'
        );
        expectDebug(
            `LangJson.Line l = (LangJson.Line) JSON.deserializeStrict('{"sku":"S","units":1}', LangJson.Line.class);
             System.debug(l.sku);`,
            ['S']
        );
    });

    test('a JSON value of the wrong shape is a JSONException', () => {
        expectThrows(`Object o = JSON.deserialize('[1,2]', LangJson.Order.class);`, 'System.JSONException');
    });
});

describe('JSON.deserializeUntyped (JSON Class)', () => {
    test('objects become Map<String, Object>, arrays List<Object>; Integer, Long and Decimal numbers', () => {
        expectDebug(
            `Map<String, Object> u = (Map<String, Object>) JSON.deserializeUntyped(
                 '{"i":1,"l":3000000000,"d":1.5,"e":3.0,"s":"x","b":true,"n":null,"arr":[1,{"k":"v"}]}');
             System.debug((u.get('i') instanceof Integer) + ' ' + (u.get('l') instanceof Long) + ' ' + (u.get('d') instanceof Decimal));
             System.debug(u.get('e') + ' ' + u.get('s') + ' ' + u.get('b') + ' ' + u.get('n') + ' ' + u.containsKey('n'));
             List<Object> arr = (List<Object>) u.get('arr');
             System.debug(((Map<String, Object>) arr[1]).get('k'));`,
            ['true true true', '3.0 x true null true', 'v']
        );
    });

    test('malformed JSON is a JSONException', () => {
        expectDebug(
            `try { JSON.deserializeUntyped('{"a":'); } catch (JSONException e) { System.debug(e.getTypeName()); }
             try { JSON.deserializeUntyped('{a:1}'); } catch (JSONException e) { System.debug(e.getTypeName()); }
             try { JSON.deserializeUntyped('[1,]'); } catch (JSONException e) { System.debug(e.getTypeName()); }`,
            ['System.JSONException', 'System.JSONException', 'System.JSONException']
        );
    });
});
