#!/usr/bin/env python3
"""The soak's people and provider calls (tests/bench/payments-soak).

  payments-soak.py create PROVIDER KEY SITE IDS   a payment per dossier id,
      created through the stand-in's API: "id<TAB>payment id<TAB>page" lines
  payments-soak.py pay PROVIDER SITE SESSION CA MADE OUTAGE   each payment's
      page opened and chosen (80 % pay, 10 % decline, 5 % cancel, 5 % left
      open), half the paid ones back to the guichet's return page, the
      provider's API down OUTAGE seconds half-way; prints "paid failed open
      returns return-errors"
"""
import concurrent.futures, http.client, json, random, ssl, sys, threading
import time, urllib.parse, uuid

THREADS = 16
local = threading.local()


def conn(base, ctx=None):
    u = urllib.parse.urlsplit(base)
    key = (base, 'c')
    c = getattr(local, 'conns', {}).get(key)
    if c is None:
        if ctx is None:
            c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
        else:
            c = http.client.HTTPSConnection(u.hostname, u.port, timeout=60,
                                            context=ctx)
        local.__dict__.setdefault('conns', {})[key] = c
    return c


def call(base, method, path, body=None, headers=None, ctx=None, tries=5):
    for i in range(tries):
        c = conn(base, ctx)
        try:
            c.request(method, path, body, headers or {})
            r = c.getresponse()
            data = r.read()
            return r.status, data
        except (ConnectionError, http.client.HTTPException, OSError):
            c.close()
            local.conns.pop((base, 'c'), None)
            if i == tries - 1:
                raise
            time.sleep(0.2)


def create(provider, key, site, idfile):
    ids = [l.strip() for l in open(idfile) if l.strip()]

    def one(did):
        st, data = call(provider, 'POST', '/v1/payments', json.dumps({
            'amount': 1500, 'reference': 'SOAK-' + did,
            'description': 'soak', 'language': 'fr',
            'return_url': site + '/forms/' + did + '/payment'}),
            {'Authorization': 'Bearer ' + key, 'Content-Type':
             'application/json', 'Idempotency-Key': str(uuid.uuid4())})
        j = json.loads(data)
        return '%s\t%s\t%s' % (did, j['payment_id'],
                               j['_links']['next_url']['href'])
    with concurrent.futures.ThreadPoolExecutor(THREADS) as ex:
        for line in ex.map(one, ids):
            print(line)


def pay(provider, site, session, cafile, made, outage):
    rows = [l.rstrip('\n').split('\t') for l in open(made) if l.strip()]
    rng = random.Random(19)
    choices = []
    for _ in rows:
        r = rng.random()
        choices.append('success' if r < .80 else 'decline' if r < .90
                       else 'cancel' if r < .95 else 'open')
    ctx = ssl.create_default_context(cafile=cafile)
    half = threading.Event()
    done = [0]
    lock = threading.Lock()
    returns = [0, 0]

    def down():
        half.wait()
        call(provider, 'POST', '/_control/faults', '{"api": "down"}')
        time.sleep(outage)
        call(provider, 'POST', '/_control/faults', '{"api": "up"}')

    def one(i):
        did, pid = rows[i][0], rows[i][1]
        call(provider, 'GET', '/pay/' + pid)
        if choices[i] != 'open':
            call(provider, 'POST', '/pay/' + pid, 'choice=' + choices[i],
                 {'Content-Type': 'application/x-www-form-urlencoded'})
        if choices[i] == 'success' and i % 2 == 0:
            st, _ = call(site, 'GET', '/forms/' + did + '/payment', None,
                         {'Cookie': '__Host-guichet=' + session}, ctx)
            with lock:
                returns[0] += 1
                if st >= 400:
                    returns[1] += 1
        with lock:
            done[0] += 1
            if done[0] == len(rows) // 2:
                half.set()
    t = threading.Thread(target=down)
    t.start()
    with concurrent.futures.ThreadPoolExecutor(THREADS) as ex:
        list(ex.map(one, range(len(rows))))
    half.set()
    t.join()
    print(choices.count('success'),
          choices.count('decline') + choices.count('cancel'),
          choices.count('open'), returns[0], returns[1])


if __name__ == '__main__':
    if sys.argv[1] == 'create':
        create(*sys.argv[2:6])
    elif sys.argv[1] == 'pay':
        pay(*sys.argv[2:7], float(sys.argv[7]))
    else:
        sys.exit(__doc__)
