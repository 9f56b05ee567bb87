using System.Buffers.Binary;
using System.IO.Compression;
using Maillage.Platform.Data;
using Maillage.Platform.Modules;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Logos;

/// <summary>
/// DEMONSTRATION logos for the reference Cités, in Development only: a coloured disc and three bars (a "network"),
/// drawn here pixel by pixel and written as a PNG — no Cité's real logo, no image copied from anywhere. A Cité that has
/// a logo keeps it.
/// </summary>
internal sealed class DemoLogos(MaillageDb db) : IDevelopmentSeeder
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var cites = await db.Cites.IgnoreQueryFilters().Select(c => new { c.Id, c.Slug }).ToListAsync(ct);
        var have = await db.Set<CiteLogo>().IgnoreQueryFilters().Select(l => l.CiteId).ToListAsync(ct);
        foreach (var cite in cites.Where(c => !have.Contains(c.Id)))
        {
            var (logo, _) = CiteLogo.From(cite.Id, Draw(cite.Slug));
            if (logo is not null) db.Add(logo);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A 240 × 80 PNG: a disc in a colour of the Cité's own (from its slug) and three bars beside it.</summary>
    public static byte[] Draw(string seed, int width = 240, int height = 80)
    {
        var hue = (uint)seed.Aggregate(17, (h, c) => h * 31 + c) % 360;
        var (r, g, b) = FromHue(hue);
        var rgba = new byte[width * height * 4];
        void Put(int x, int y, byte cr, byte cg, byte cb)
        {
            var i = (y * width + x) * 4;
            (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (cr, cg, cb, 255);
        }
        var radius = height / 2 - 4;
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var (dx, dy) = (x - height / 2, y - height / 2);
            if (dx * dx + dy * dy <= radius * radius) Put(x, y, r, g, b);
            else if (x >= height + 4 && x < width - 8)
            {
                // Three bars, shorter and shorter, as lines of text would be.
                var bar = (y - 14) / 20;
                var inBar = y >= 14 && (y - 14) % 20 < 10 && bar < 3;
                if (inBar && x < width - 8 - bar * 40) Put(x, y, (byte)(r / 2), (byte)(g / 2), (byte)(b / 2));
            }
        }
        return Png(width, height, rgba);
    }

    private static (byte, byte, byte) FromHue(uint hue)
    {
        double h = hue / 60.0, c = 0.55, x = c * (1 - Math.Abs(h % 2 - 1)), m = 0.25;
        var (r, g, b) = h switch { < 1 => (c, x, 0.0), < 2 => (x, c, 0.0), < 3 => (0.0, c, x), < 4 => (0.0, x, c), < 5 => (x, 0.0, c), _ => (c, 0.0, x) };
        return ((byte)((r + m) * 255), (byte)((g + m) * 255), (byte)((b + m) * 255));
    }

    /// <summary>An RGBA image as a PNG: signature, IHDR, one zlib-compressed IDAT (filter 0 on each row), IEND.</summary>
    private static byte[] Png(int width, int height, byte[] rgba)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, 6); // 8 bits per channel, RGBA
        Chunk(output, "IHDR", header);
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(rgba, y * width * 4, width * 4);
            }
        Chunk(output, "IDAT", raw.ToArray());
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        output.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        output.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
