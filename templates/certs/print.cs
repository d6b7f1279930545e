<?cs include:"layout.cs" ?>
<?cs call:page_start(Cert.title) ?>
<div class="print-hint">
<p><a href="/certificates/requests/<?cs var:Cert.reference ?>"><?cs var:Lang.certs.print.back ?></a></p>
<p id="print-how"><?cs if:Kiosk ?><?cs var:Lang.certs.print.how_kiosk ?><?cs else ?><?cs var:Lang.certs.print.how ?><?cs /if ?></p>
<p><button type="button" id="print-button" data-print hidden><?cs var:Lang.certs.print.button ?></button></p>
</div>
<article class="certificate" id="certificate" lang="<?cs var:Cert.lang ?>">
<p class="issuer"><?cs var:Lang.site.name ?><br><strong><?cs var:Cert.issuer ?></strong></p>
<h1><?cs var:Cert.title ?></h1>
<dl class="facts">
<dt><?cs var:Lang.certs.pdf.reference ?></dt><dd class="reference"><?cs var:Cert.reference ?></dd>
<dt><?cs var:Lang.certs.pdf.issued_on ?></dt><dd><?cs var:Cert.issued ?></dd>
</dl>
<p class="body"><?cs var:Cert.body ?></p>
<?cs if:subcount(Cert.facts) > 0 ?><dl class="facts"><?cs each:f = Cert.facts ?><dt><?cs var:f.label ?></dt><dd><?cs var:f.value ?></dd>
<?cs /each ?></dl><?cs /if ?>
<?cs if:subcount(Cert.table.head) > 0 ?><table class="cert-table">
<thead><tr><?cs each:h = Cert.table.head ?><th scope="col"><?cs var:h ?></th><?cs /each ?></tr></thead>
<tbody><?cs each:row = Cert.table.rows ?><tr><?cs each:cell = row ?><td><?cs var:cell ?></td><?cs /each ?></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<p class="legal"><?cs var:Cert.legal ?></p>
<p class="seal-holder"><strong><?cs var:Cert.seal_holder ?></strong></p>
<p class="legal"><?cs var:Lang.certs.print.sealed ?> <?cs var:Cert.sealed_by ?></p>
<?cs if:Cert.code ?><div class="verification">
<svg class="qr" viewBox="0 0 <?cs var:Cert.qr.size ?> <?cs var:Cert.qr.size ?>" width="132" height="132" role="img" aria-label="<?cs var:Lang.certs.print.qr ?>" shape-rendering="crispEdges"><rect width="<?cs var:Cert.qr.size ?>" height="<?cs var:Cert.qr.size ?>" fill="#fff"/><?cs each:q = Cert.qr.runs ?><rect x="<?cs var:q.x ?>" y="<?cs var:q.y ?>" width="<?cs var:q.w ?>" height="1"/><?cs /each ?></svg>
<div><p><?cs var:Lang.verify.pdf_label ?> <strong class="code" id="code"><?cs var:Cert.code ?></strong></p>
<p><?cs var:Lang.certs.print.explain ?></p>
<p><?cs var:Cert.code_url ?></p></div>
</div><?cs /if ?>
</article>
<script src="/static/print.js"></script>
<?cs call:page_end() ?>
