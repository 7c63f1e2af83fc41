using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Members.Pages;

/// <summary>
/// The member logs service from the phone: a post, a need or a project, the day, the times, a note and one photo. Opened
/// from a poster's QR code (<c>/m/check-in/{code}</c>) it is prefilled for today and sent with the code (扫码签到).
/// </summary>
public partial class ServiceRecordLog
{
    private IReadOnlyList<ServiceSubject>? subjects;
    private MyServiceRecords? mine;
    private CheckInTarget? target;
    private string? failed;
    private bool busy;
    private DateTime today;
    private IBrowserFile? photo;
    private ServiceForm form = new();
    private Dictionary<string, string> errors = [];

    [Inject] private GetMyServiceSubjects GetSubjects { get; set; } = default!;

    [Inject] private GetMyServiceRecords GetRecords { get; set; } = default!;

    [Inject] private LogServiceRecord LogRecord { get; set; } = default!;

    [Inject] private AddServiceRecordPhoto AddPhoto { get; set; } = default!;

    [Inject] private ResolveCheckInCode Resolve { get; set; } = default!;

    [Inject] private BusinessCalendar Calendar { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter]
    public string? Code { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        today = Calendar.Today.ToDateTime(TimeOnly.MinValue);
        try
        {
            var list = (await GetSubjects.HandleAsync()).ToList();
            target = Code is null ? null : await Resolve.HandleAsync(Code);
            form = new ServiceForm { Date = today };
            if (target is not null)
            {
                var kind = target.PostId is null ? "project" : "post";
                var id = target.PostId ?? target.ProjectId!.Value;
                if (!list.Any(s => s.Id == id))
                {
                    list.Insert(0, new ServiceSubject(kind, id, target.Title));
                }

                form.Subject = $"{kind}:{id}";
                var now = Calendar.ToLocal(Calendar.UtcNow).TimeOfDay;
                form.Start = new TimeSpan(now.Hours, now.Minutes / 5 * 5, 0);
            }

            subjects = list;
            mine = await GetRecords.HandleAsync();
        }
        catch (PortalException e)
        {
            failed = ProblemResponses.Localize(e, L);
        }
    }

    private void OnPhoto(IBrowserFile? file) => photo = file;

    private async Task SubmitAsync()
    {
        busy = true;
        errors = [];
        var (kind, id) = form.Subject?.Split(':') is [var k, var i] && Guid.TryParse(i, out var g) ? (k, (Guid?)g) : ("", null);
        var input = new ServiceRecordInput
        {
            PostId = kind == "post" ? id : null,
            NeedId = kind == "need" ? id : null,
            ProjectId = kind == "project" ? id : null,
            Date = form.Date is { } d ? DateOnly.FromDateTime(d) : null,
            Start = form.Start is { } s ? TimeOnly.FromTimeSpan(s) : null,
            End = form.End is { } e ? TimeOnly.FromTimeSpan(e) : null,
            Note = form.Note,
            CheckInCode = target?.Code,
        };
        Guid created = default;
        var refused = await PageErrors.SubmitAsync(Snackbar, L, async () => created = await LogRecord.HandleAsync(input), "ServiceRecords.Submitted", ValidationNotice.Message);
        if (refused is null)
        {
            if (photo is { } file)
            {
                var photoError = await PhotoUploads.AddAsync([file], NeedRules.MaxPhotoBytes, L, (name, stream, size) => AddPhoto.HandleAsync(created, name, stream, size));
                if (photoError is not null)
                {
                    Snackbar.Add(photoError, Severity.Warning);
                }
            }

            photo = null;
            form = new ServiceForm { Date = today, Subject = target is null ? null : form.Subject };
            mine = await GetRecords.HandleAsync();
        }
        else
        {
            errors = refused;
        }

        busy = false;
    }

    private sealed class ServiceForm
    {
        public string? Subject { get; set; }

        public DateTime? Date { get; set; }

        public TimeSpan? Start { get; set; }

        public TimeSpan? End { get; set; }

        public string? Note { get; set; }
    }
}
