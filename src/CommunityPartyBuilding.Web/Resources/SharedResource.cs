namespace CommunityPartyBuilding.Web.Resources;

/// <summary>Marker for the portal's one resource file (strings.tsv → SharedResource.resx / .en.resx).</summary>
public sealed class SharedResource;
