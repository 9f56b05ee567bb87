// Renders the sample document with a long table (2 000 rows ≈ 40 PDF pages) as PDF, DOCX, XLSX and ODS, warm, several
// times each, and prints the timings as a Markdown table; exits 1 when a median misses its target (1 s).
using System.Diagnostics;
using System.Globalization;
using Maillage.Platform.Documents;
using Format = Maillage.Platform.Documents.DocumentFormat;

var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
const double TargetMs = 1_000;
var renderer = new DocumentRenderer();
var document = DocumentSample.Build(rows: rows);
var formats = new[] { Format.Pdf, Format.Docx, Format.Xlsx, Format.Ods };

// Warm: the first renders load the fonts and compile the code; a server has done that long before.
for (var i = 0; i < 5; i++) foreach (var f in formats) renderer.File(document, f);

var lines = new List<string>
{
    $"Document: the sample report with a {rows:N0}-row table ({CountPages(renderer.Pdf(document))} PDF pages), {runs} renders per format after 5 warm-up rounds.",
    "",
    "| format | size | median | p90 | max | target | |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
};
var failed = false;
foreach (var format in formats)
{
    var times = new List<double>();
    var size = 0;
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        size = renderer.File(document, format).Length;
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
    var median = At(0.5);
    var ok = median < TargetMs;
    failed |= !ok;
    lines.Add(string.Create(CultureInfo.InvariantCulture,
        $"| {format.ToString().ToUpperInvariant()} | {size / 1024.0:0} KB | {median:0} ms | {At(0.9):0} ms | {times[^1]:0} ms | < {TargetMs:0} ms | {(ok ? "met" : "MISSED")} |"));
}
Console.WriteLine(string.Join("\n", lines));
return failed ? 1 : 0;

static int CountPages(byte[] pdf) =>
    System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count;
