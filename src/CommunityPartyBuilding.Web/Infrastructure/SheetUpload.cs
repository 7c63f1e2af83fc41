using System.Globalization;
using MiniExcelLibs;

namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>
/// One problem in an import file: the Excel row number (the header is row 1), the column header, what is wrong in the
/// reader's language, and the message's resource key (for API clients that match on it).
/// </summary>
public sealed record ImportError(int Row, string Column, string Message, string? MessageKey = null);

/// <summary>What an all-or-nothing import did: how many rows were stored (0 whenever <see cref="Errors"/> is not empty).</summary>
public sealed record ImportResult(int Imported, IReadOnlyList<ImportError> Errors);

/// <summary>One data row of an uploaded sheet: its Excel row number and its cells by trimmed column header.</summary>
public sealed class SheetRow(int number, IReadOnlyDictionary<string, object?> cells)
{
    public int Number { get; } = number;

    public IReadOnlyDictionary<string, object?> Cells { get; } = cells;

    public object? this[string column] => Cells.TryGetValue(column, out var value) ? value : null;

    /// <summary>The cell as trimmed text ("" when absent or empty).</summary>
    public string Text(string column) => SheetUpload.Text(this[column]);

    /// <summary>A row from typed values, the way unit tests build one.</summary>
    public static SheetRow Of(int number, params (string Column, object? Value)[] cells) =>
        new(number, cells.ToDictionary(c => c.Column, c => c.Value));
}

/// <summary>The limits of one kind of upload.</summary>
/// <param name="MaxFileBytes">The file's size in bytes.</param>
/// <param name="MaxRows">Data rows (blank rows not counted).</param>
/// <param name="RequiredColumns">Headers that must be present (a trailing * in the header is ignored).</param>
public sealed record SheetLimits(long MaxFileBytes, int MaxRows, IReadOnlyCollection<string> RequiredColumns)
{
    public int MaxFileMegabytes => (int)(MaxFileBytes / 1024 / 1024);
}

/// <summary>
/// Reads an uploaded xlsx for an all-or-nothing import (member units, in-service members), refusing with one clear
/// message, before any row is looked at: an empty or oversized file, something that is not an xlsx, a ZIP that
/// inflates too far (<see cref="XlsxGuard"/>), a sheet without data rows or with too many, missing required columns.
/// Row numbers are Excel's (the header is row 1), taken before blank rows are dropped so that errors point at the right row.
/// </summary>
public static class SheetUpload
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    public static async Task<IReadOnlyList<SheetRow>> ReadAsync(Stream file, long length, SheetLimits limits, CancellationToken ct)
    {
        if (length == 0)
        {
            throw new PortalValidationException([new("File", "Import.Empty")]);
        }

        if (length > limits.MaxFileBytes)
        {
            throw new PortalValidationException([new("File", "Import.TooLarge", limits.MaxFileMegabytes)]);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        if (buffer.Length > limits.MaxFileBytes)
        {
            throw new PortalValidationException([new("File", "Import.TooLarge", limits.MaxFileMegabytes)]);
        }

        var bytes = buffer.ToArray();
        if (bytes.Length < 4 || !bytes.AsSpan(0, 4).SequenceEqual(ZipSignature))
        {
            throw new PortalValidationException([new("File", "Import.NotXlsx")]);
        }

        // Inflated sizes checked part by part before the reader sees the file (ASVS 5.2.3: no zip bombs).
        if (!XlsxGuard.IsWithinLimits(bytes))
        {
            throw new PortalValidationException([new("File", "Import.Inflated", XlsxGuard.MaxPartBytes / 1024 / 1024)]);
        }

        List<IDictionary<string, object?>> raw;
        try
        {
            using var read = new MemoryStream(bytes);
            raw = read.Query(useHeaderRow: true, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>()
                .Take(limits.MaxRows + 1)
                .ToList();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException or KeyNotFoundException or ArgumentException or NotSupportedException)
        {
            throw new PortalValidationException([new("File", "Import.NotXlsx")]);
        }

        var rows = new List<SheetRow>();
        for (var i = 0; i < raw.Count; i++)
        {
            if (raw[i].Values.Any(v => Text(v).Length > 0))
            {
                var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in raw[i])
                {
                    cells.TryAdd(Header(key), value);
                }

                rows.Add(new SheetRow(i + 2, cells));
            }
        }

        if (rows.Count == 0)
        {
            throw new PortalValidationException([new("File", "Import.NoRows")]);
        }

        if (rows.Count > limits.MaxRows)
        {
            throw new PortalValidationException([new("File", "Import.TooManyRows", limits.MaxRows)]);
        }

        var headers = rows[0].Cells.Keys.ToHashSet(StringComparer.Ordinal);
        var missing = limits.RequiredColumns.Where(c => !headers.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new PortalValidationException([new("File", "Import.MissingColumns", string.Join("、", missing))]);
        }

        return rows;
    }

    /// <summary>A header as the sheet's rules name it: trimmed, without the * that marks a required column.</summary>
    public static string Header(string key) => key.Trim().TrimEnd('*').Trim();

    public static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";

    /// <summary>Rows written as one sheet (the first row's keys are the headers).</summary>
    public static byte[] Write(IEnumerable<IDictionary<string, object?>> rows, string sheetName)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: sheetName);
        return stream.ToArray();
    }

    /// <summary>The error list of a refused import as a sheet, for the person to fix their file against.</summary>
    public static byte[] ErrorReport(IEnumerable<ImportError> errors) => Write(errors.Select(e => (IDictionary<string, object?>)new Dictionary<string, object?>
    {
        ["行号"] = e.Row,
        ["列"] = e.Column,
        ["问题"] = e.Message,
    }), "导入错误");
}
