using QRCoder;

namespace CommunityPartyBuilding.Documents;

/// <summary>The modules of a QR code (quiet zone included), for drawing as vector squares.</summary>
public sealed class QrMatrix
{
    private readonly bool[,] modules;

    private QrMatrix(bool[,] modules) => this.modules = modules;

    /// <summary>Modules per side, quiet zone included.</summary>
    public int Size => modules.GetLength(0);

    public bool this[int row, int column] => modules[row, column];

    /// <summary>Error correction M (15 %): readable when printed small or slightly soiled.</summary>
    public static QrMatrix Create(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var rows = data.ModuleMatrix;
        var size = rows.Count;
        var modules = new bool[size, size];
        for (var r = 0; r < size; r++)
        {
            for (var c = 0; c < size; c++)
            {
                modules[r, c] = rows[r][c];
            }
        }

        return new QrMatrix(modules);
    }
}
